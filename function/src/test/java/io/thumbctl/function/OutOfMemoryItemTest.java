package io.thumbctl.function;

import io.thumbctl.testing.ForkedFunction;
import java.time.Duration;
import java.util.Map;
import io.thumbctl.testing.RouteEvents;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap really runs out in one item of an SQS batch, and only that item comes back: the function
 * runs as on Lambda in a JVM of its own with a 64 MB heap, on a batch of three messages. One names a
 * legal 5000x5000 JPEG, which in a 5000x5000 box decodes at full size into 75 MB of pixels (the heap
 * runs out in the renderer); one a 70 MB PNG, within {@code thumbnail.max-source-bytes}, whose bytes
 * alone do not fit the heap (it runs out reading the source, outside the renderer); the third a small
 * photo. Nothing here is mocked: the heap is exhausted by the function's own work, against s3proxy
 * through the real SDK.
 */
class OutOfMemoryItemTest {

    private static final String BUCKET = "photos";

    @Test
    void itemWhoseDecodeExhaustsTheHeap_aloneIsRetried_andTheOtherGetsItsThumbnail(@TempDir Path dir) throws Exception {
        try (S3TestServer s3 = S3TestServer.start()) {
            s3.createBucket(BUCKET);
            byte[] huge = TestImages.jpeg(5000, 5000);
            byte[] heavy = Arrays.copyOf(TestImages.png(300, 300), 70 << 20); // zeros after IEND
            byte[] small = TestImages.jpeg(800, 600);
            String hugeEtag = s3.put(BUCKET, "huge.jpg", huge, "image/jpeg");
            String heavyEtag = s3.put(BUCKET, "heavy.png", heavy, "image/png");
            String smallEtag = s3.put(BUCKET, "small.jpg", small, "image/jpeg");
            Path event = Files.write(dir.resolve("event.json"), RouteEvents.sqs(
                    RouteEvents.message("m-huge", S3Events.event(S3Events.created(BUCKET, "huge.jpg", huge.length, hugeEtag))),
                    RouteEvents.message("m-heavy", S3Events.event(S3Events.created(BUCKET, "heavy.png", heavy.length, heavyEtag))),
                    RouteEvents.message("m-small", S3Events.event(S3Events.created(BUCKET, "small.jpg", small.length, smallEtag)))));

            ForkedFunction.Result run = ForkedFunction.run(s3, event,
                    List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                    Map.of("THUMBNAIL_WIDTH", "5000", "THUMBNAIL_HEIGHT", "5000"), Duration.ofSeconds(180));
            String output = run.output();
            assertThat(run.exit()).as(output).isZero();

            List<String> answers = output.lines().filter(line -> line.startsWith("answer: ")).toList();
            assertThat(answers).as(output)
                    .containsExactly("answer: {\"batchItemFailures\":[{\"itemIdentifier\":\"m-huge\"},"
                            + "{\"itemIdentifier\":\"m-heavy\"}]}");
            // each failure is the heap's, not something else that happened to fail the same message
            for (String key : List.of("huge.jpg", "heavy.png")) {
                assertThat(output.lines().filter(line -> line.contains("\"outcome\":\"failed\"")
                        && line.contains("\"key\":\"" + key + "\"")))
                        .as(output).singleElement().asString().contains("\"reason\":\"out-of-memory\"");
                assertThat(s3.head(BUCKET, "thumbnails/" + key)).as(output).isEmpty();
            }
            assertThat(s3.head(BUCKET, "thumbnails/small.jpg")).as(output).isPresent();
        }
    }
}
