package io.thumbctl.cli.verify;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.testing.Await;
import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.cli.testing.Thumbctl.Run;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import io.thumbctl.thumbnail.ThumbnailService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.thumbctl.cli.testing.Thumbctl.at;
import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {

    static final String FULLWIDTH = "o/a\uFF46.jpg";
    static final String EMOJI = "o/a\uD83D\uDC31.jpg";
    static final String EMOJI_MISSING = "o/b\uD83D\uDC31.jpg";

    static S3TestServer server;

    /**
     * One bucket with one of everything: up-to-date thumbnails (nested, unicode in both UTF-8
     * and UTF-16 order trouble), a missing, an orphan, a stale one and a skipped document.
     */
    @BeforeAll
    static void start() {
        server = S3TestServer.start();
        server.createBucket("verified");
        byte[] jpeg = TestImages.jpeg(40, 30);
        for (String key : List.of("ok.jpg", "stale.jpg", "gone.jpg", "deep/x/y/z.png", FULLWIDTH, EMOJI)) {
            server.put("verified", key, key.endsWith(".png") ? TestImages.png(30, 40) : jpeg, "image/jpeg");
        }
        server.put("verified", "notes.txt", "notes".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(Thumbctl.run(at(server, "backfill", "--bucket", "verified")).exit()).isEqualTo(ExitCodes.OK);
        server.put("verified", "missing.jpg", jpeg, "image/jpeg");
        server.put("verified", EMOJI_MISSING, jpeg, "image/jpeg");
        server.client().deleteObject(b -> b.bucket("verified").key("gone.jpg"));
        // S3 times are in seconds: change the source until it is visibly newer than its thumbnail.
        Instant thumbnailTime = server.head("verified", "thumbnails/stale.jpg").orElseThrow().lastModified();
        Await.until("stale.jpg newer than its thumbnail", Duration.ofSeconds(5), () -> {
            server.put("verified", "stale.jpg", TestImages.jpeg(50, 30), "image/jpeg");
            return server.head("verified", "stale.jpg").orElseThrow().lastModified().isAfter(thumbnailTime);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void findsMissingOrphanAndStale_withTheirKeys_andExits1() {
        Run run = Thumbctl.run(at(server, "verify", "--bucket", "verified"));

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out().lines().filter(l -> l.contains("\t")))
                .containsExactlyInAnyOrder("missing\tmissing.jpg", "missing\t" + EMOJI_MISSING,
                        "orphan\tthumbnails/gone.jpg", "stale\tstale.jpg");
        assertThat(run.out()).contains("problems found")
                .contains("ok          4")
                .contains("skipped     1 (not-an-image 1)")
                .doesNotContain("notes.txt");
    }

    @Test
    @SuppressWarnings("unchecked")
    void json_isOneDocumentWithItemsAndSummary() {
        Run run = Thumbctl.run(at(server, "verify", "--bucket", "verified", "--output", "json"));

        Map<String, Object> doc = run.json();
        assertThat((Map<String, Object>) doc.get("summary")).containsEntry("prefix", "").containsEntry("missing", 2).containsEntry("orphan", 1)
                .containsEntry("stale", 1).containsEntry("ok", 4).containsEntry("sources", 8)
                .containsEntry("thumbnails", 6).containsEntry("checked", 7);
        List<Map<String, Object>> items = (List<Map<String, Object>>) doc.get("items");
        assertThat(items).anySatisfy(i -> assertThat(i).containsEntry("problem", "stale")
                .containsEntry("key", "stale.jpg").containsEntry("thumbnailKey", "thumbnails/stale.jpg")
                .containsKeys("sourceModified", "thumbnailModified"));
        assertThat(items).anySatisfy(i -> assertThat(i).containsEntry("problem", "orphan")
                .containsEntry("key", "gone.jpg").containsEntry("thumbnailKey", "thumbnails/gone.jpg"));
    }

    @Test
    void prefix_comparesOnlyThatPartOfTheBucket() {
        Run run = Thumbctl.run(at(server, "verify", "--bucket", "verified", "--prefix", "o/"));

        assertThat(run.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out().lines().filter(l -> l.contains("\t"))).containsExactly("missing\t" + EMOJI_MISSING);
        assertThat(run.out()).contains("ok          2");
    }

    @Test
    void allWell_exits0() {
        Run run = Thumbctl.run(at(server, "verify", "--bucket", "verified", "--prefix", "deep/"));

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("all well").contains("ok          1");
    }

    @Test
    void secondBucketAndOtherPrefix_fromTheGlobalOptions() {
        server.createBucket("src2");
        server.createBucket("dst2");
        server.put("src2", "a.jpg", TestImages.jpeg(40, 30), "image/jpeg");
        server.put("src2", "b.jpg", TestImages.jpeg(40, 30), "image/jpeg");
        server.put("dst2", "resized-a.jpg", TestImages.jpeg(20, 15), "image/jpeg");
        server.put("dst2", "resized-z.jpg", TestImages.jpeg(20, 15), "image/jpeg");
        server.put("dst2", "unrelated.jpg", TestImages.jpeg(20, 15), "image/jpeg");

        Run run = Thumbctl.run(at(server, "--target-bucket", "dst2", "--thumbnail-prefix", "resized-",
                "verify", "--bucket", "src2"));

        assertThat(run.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out().lines().filter(l -> l.contains("\t")))
                .containsExactly("missing\tb.jpg", "orphan\tresized-z.jpg");
    }

    @Test
    void deep_seesWhatListingsCannot_otherSettingsWrongContentAndForeignObjects() {
        server.createBucket("deepened");
        byte[] jpeg = TestImages.jpeg(40, 30);
        for (String key : List.of("current.jpg", "late.jpg", "theirs.jpg")) {
            server.put("deepened", key, jpeg, "image/jpeg");
        }
        assertThat(Thumbctl.run(at(server, "backfill", "--bucket", "deepened")).exit()).isEqualTo(ExitCodes.OK);
        // A thumbnail newer than its source but made from other bytes (a late write), and an
        // object thumbctl did not write: both look fine to a listing.
        server.client().putObject(b -> b.bucket("deepened").key("thumbnails/late.jpg")
                        .metadata(Map.of(ThumbnailService.SOURCE_ETAG, "0123456789abcdef0123456789abcdef")),
                RequestBody.fromBytes(jpeg));
        server.put("deepened", "thumbnails/theirs.jpg", jpeg, "image/jpeg");

        Run listings = Thumbctl.run(at(server, "verify", "--bucket", "deepened"));
        Run deep = Thumbctl.run(at(server, "verify", "--bucket", "deepened", "--deep"));
        Run otherSettings = Thumbctl.run(Map.of("thumbnail.width", "64", "thumbnail.height", "64"),
                at(server, "verify", "--bucket", "deepened", "--deep"));

        assertThat(listings.exit()).isEqualTo(ExitCodes.OK);
        assertThat(deep.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(deep.out().lines().filter(l -> l.contains("\t")))
                .containsExactlyInAnyOrder("stale\tlate.jpg", "foreign\ttheirs.jpg");
        assertThat(deep.out()).contains("ok          1").contains("foreign     1");
        assertThat(otherSettings.out().lines().filter(l -> l.startsWith("stale\t")))
                .containsExactlyInAnyOrder("stale\tcurrent.jpg", "stale\tlate.jpg");
    }

    @Test
    @SuppressWarnings("unchecked")
    void heicAndAvifThumbnails_atKeyPlusJpgOrPng_pairWithTheirSources_amongKeysThatSortBetween() {
        server.createBucket("phone");
        byte[] heic = TestImages.heif("plain.heic");
        byte[] jpeg = TestImages.jpeg(40, 30);
        // In S3's order the thumbnails of a.heic-2.jpg, "a.heic 3.png" and a.heic.avif come
        // before a.heic's (a.heic.jpg), while the sources list a.heic first.
        server.put("phone", "a.heic", heic, "image/heic");
        server.put("phone", "a.heic-2.jpg", jpeg, "image/jpeg");
        server.put("phone", "a.heic 3.png", TestImages.png(30, 40), "image/png");
        server.put("phone", "a.heic.avif", TestImages.heif("alpha.avif"), "image/avif");
        server.put("phone", "z/IMG_0001.HEIC", heic, "image/heic");
        assertThat(Thumbctl.run(at(server, "backfill", "--bucket", "phone")).exit()).isEqualTo(ExitCodes.OK);
        assertThat(server.head("phone", "thumbnails/a.heic.jpg")).isPresent();
        assertThat(server.head("phone", "thumbnails/a.heic.avif.png")).isPresent();
        assertThat(server.head("phone", "thumbnails/z/IMG_0001.HEIC.jpg")).isPresent();

        Run allWell = Thumbctl.run(at(server, "verify", "--bucket", "phone"));
        Run allWellDeep = Thumbctl.run(at(server, "verify", "--bucket", "phone", "--deep"));

        assertThat(allWell.exit()).as(allWell.out()).isEqualTo(ExitCodes.OK);
        assertThat(allWell.out()).contains("all well").contains("ok          5");
        assertThat(allWellDeep.exit()).as(allWellDeep.out()).isEqualTo(ExitCodes.OK);

        server.client().deleteObject(b -> b.bucket("phone").key("thumbnails/a.heic.jpg"));
        Run missing = Thumbctl.run(at(server, "verify", "--bucket", "phone", "--output", "json"));

        assertThat(missing.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat((List<Map<String, Object>>) missing.json().get("items")).singleElement().satisfies(i -> assertThat(i)
                .containsEntry("problem", "missing").containsEntry("key", "a.heic")
                .containsEntry("thumbnailKey", "thumbnails/a.heic.jpg"));
        assertThat((Map<String, Object>) missing.json().get("summary")).containsEntry("ok", 4).containsEntry("orphan", 0);

        assertThat(Thumbctl.run(at(server, "backfill", "--bucket", "phone")).exit()).isEqualTo(ExitCodes.OK);
        server.client().deleteObject(b -> b.bucket("phone").key("a.heic"));
        server.client().deleteObject(b -> b.bucket("phone").key("a.heic.avif"));
        Run orphans = Thumbctl.run(at(server, "verify", "--bucket", "phone"));

        assertThat(orphans.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(orphans.out().lines().filter(l -> l.contains("\t")))
                .containsExactlyInAnyOrder("orphan\tthumbnails/a.heic.jpg", "orphan\tthumbnails/a.heic.avif.png");
        assertThat(orphans.out()).contains("ok          3");
    }
}
