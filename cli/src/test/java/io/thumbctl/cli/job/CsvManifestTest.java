package io.thumbctl.cli.job;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.storage.ObjectInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CsvManifestTest {

    static final KeyPolicy POLICY = new KeyPolicy(ThumbnailSettings.defaults());

    static ObjectInfo object(String key, long size) {
        return new ObjectInfo("photos", key, size, "etag", Instant.EPOCH, null);
    }

    @Test
    void keepsWhatThePolicyProcesses_encoded_andCountsWhatItListed() throws Exception {
        Stream<ObjectInfo> listing = Stream.of(object("a b.jpg", 10), object("thumbnails/a b.jpg", 10),
                object("huge.jpg", Long.MAX_VALUE), object("notes.txt", 10), object("dir/", 0), object("c+d.PNG", 10));

        try (CsvManifest manifest = CsvManifest.write(listing, POLICY, "photos", listed -> { })) {
            String content = Files.readString(manifest.file(), StandardCharsets.UTF_8);

            assertThat(content).isEqualTo("photos,a%20b.jpg\nphotos,c%2Bd.PNG\n");
            assertThat(manifest.listed()).isEqualTo(6);
            assertThat(manifest.rows()).isEqualTo(2);
            assertThat(manifest.bytes()).isEqualTo(content.length());
            assertThat(manifest.sha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void close_deletesTheTemporaryFile() throws Exception {
        CsvManifest manifest = CsvManifest.write(Stream.of(object("a.jpg", 1)), POLICY, "photos", listed -> { });

        manifest.close();

        assertThat(manifest.file()).doesNotExist();
    }

    @Test
    void reportsProgressEveryThousandKeys_andAtTheEnd() throws Exception {
        List<Long> reported = new ArrayList<>();
        Stream<ObjectInfo> listing = LongStream.range(0, 2500).mapToObj(i -> object("k" + i + ".jpg", 1));

        try (CsvManifest manifest = CsvManifest.write(listing, POLICY, "photos", reported::add)) {
            assertThat(manifest.rows()).isEqualTo(2500);
        }
        assertThat(reported).containsExactly(1000L, 2000L, 2500L);
    }

    @Test
    void closesTheListing() throws Exception {
        boolean[] closed = {false};
        Stream<ObjectInfo> listing = Stream.of(object("a.jpg", 1)).onClose(() -> closed[0] = true);

        CsvManifest.write(listing, POLICY, "photos", listed -> { }).close();

        assertThat(closed[0]).isTrue();
    }
}
