package io.thumbctl.cli.local;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.testing.TestImages;
import io.thumbctl.thumbnail.ThumbnailService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runbook's Batch Operations line rehearsed on one machine, end to end: {@code thumbctl local}
 * with the real function behind its job API, {@code thumbctl backfill --engine batch-operations
 * --wait} against it. Thumbnails made by the job, the corrupt file failed in the report, exit 1.
 */
class LocalBatchJobEndToEndTest {

    static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:thumbctl:live";
    static final String ROLE = "arn:aws:iam::000000000000:role/thumbctl-batch-operations";

    @TempDir
    static Path data;

    static RecordingListener function = new RecordingListener();
    static LocalPipeline local;
    static S3Client s3;
    static final Map<String, byte[]> SOURCES = new LinkedHashMap<>();
    static final List<String> IMAGES = List.of("2024/beach.jpg", "café ☕.png", "a+b c.jpg");

    @BeforeAll
    static void start() throws Exception {
        local = LocalPipeline.start(new LocalOptions(0, data, List.of("photos"), Map.of()), function);
        s3 = LocalClients.plain(local.endpoint());
        SOURCES.put("2024/beach.jpg", TestImages.jpeg(640, 480));
        SOURCES.put("café ☕.png", TestImages.png(200, 200));
        SOURCES.put("a+b c.jpg", TestImages.jpeg(300, 200));
        SOURCES.put("broken.jpg", "not a JPEG at all".getBytes(StandardCharsets.UTF_8));
        SOURCES.put("docs/notes.txt", "notes".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> source : SOURCES.entrySet()) {
            s3.putObject(b -> b.bucket("photos").key(source.getKey()), RequestBody.fromBytes(source.getValue()));
            function.await("photos", source.getKey());
        }
    }

    /** The uploads' notifications (or another job) made thumbnails already; take them away so that the job has work. */
    static void removeThumbnails() throws InterruptedException {
        for (String key : IMAGES) {
            s3.deleteObject(b -> b.bucket("photos").key("thumbnails/" + key));
            function.await("photos", "thumbnails/" + key);
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket("photos").key("thumbnails/" + key)))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    static void assertThumbnailsOfTheCurrentSources() {
        for (String key : IMAGES) {
            String etag = s3.headObject(b -> b.bucket("photos").key(key)).eTag().replace("\"", "");
            assertThat(s3.headObject(b -> b.bucket("photos").key("thumbnails/" + key)).metadata())
                    .containsEntry(ThumbnailService.SOURCE_ETAG, etag);
        }
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("photos").key("thumbnails/broken.jpg")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @AfterAll
    static void stop() {
        s3.close();
        local.stop();
    }

    static Thumbctl.Run backfill(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--endpoint-url", local.endpoint().toString(),
                "--region", "us-east-1", "backfill", "--bucket", "photos", "--engine", "batch-operations",
                "--function-arn", FUNCTION, "--role-arn", ROLE, "--wait", "--poll-interval", "0.2"));
        args.addAll(List.of(more));
        return Thumbctl.run(args.toArray(String[]::new));
    }

    @Test
    void csvManifestJob_makesTheThumbnails_andReportsTheCorruptFile() throws Exception {
        removeThumbnails();

        Thumbctl.Run run = backfill();

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out()).contains("tasks          4", "succeeded      3", "failed         1",
                "broken.jpg\tPermanentFailure");
        assertThumbnailsOfTheCurrentSources();
    }

    @Test
    void generatedManifestJob_skipsThumbnailsAndNonImagesInTheFunction() throws Exception {
        removeThumbnails();

        Thumbctl.Run run = backfill("--manifest", "generated", "--report-scope", "all");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out()).contains("failed         1", "broken.jpg\tPermanentFailure");
        assertThumbnailsOfTheCurrentSources();
    }
}
