package io.thumbctl.cli.backfill;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.testing.Buckets;
import io.thumbctl.cli.testing.ForkedThumbctl;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory does not grow with the bucket: backfill and verify of 2,100 objects (three listing
 * pages, plus as many thumbnails), among them 11 photos of 12 MP, in a JVM limited to 64 MB of
 * heap, which fails fast on OutOfMemoryError. The limit alone proves little (a run could live just
 * under it), so the heap still held after each collection must stay at half of it. The server runs
 * in this JVM, outside that limit.
 */
class SmallHeapTest {

    static final int OBJECTS = 2100;
    /** Every this many objects, a 12 MP photo instead of a small one. */
    static final int LARGE_EVERY = 200;
    static final long LIVE_HEAP_LIMIT = 32L << 20;

    static S3TestServer server;

    @BeforeAll
    static void start() {
        server = S3TestServer.start();
        server.createBucket("large");
        byte[] jpeg = TestImages.jpeg(64, 48);
        byte[] photo = TestImages.jpeg(4000, 3000);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int i = 0; i < OBJECTS; i++) {
            objects.put(String.format("camera/%02d/IMG_%05d.jpg", i % 40, i), i % LARGE_EVERY == 0 ? photo : jpeg);
        }
        Buckets.fill(server, "large", objects);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void backfillThenVerifyOf2100Objects_runIn64MbOfHeap() {
        ForkedThumbctl.Result backfill = ForkedThumbctl.run("64m", server, "backfill", "--bucket", "large");

        assertThat(backfill.exit()).as(backfill.err()).isEqualTo(ExitCodes.OK);
        assertThat(backfill.out()).contains("created        " + OBJECTS);
        assertThat(backfill.peakLiveHeapBytes()).isPositive().isLessThanOrEqualTo(LIVE_HEAP_LIMIT);

        ForkedThumbctl.Result verify = ForkedThumbctl.run("64m", server, "verify", "--bucket", "large");

        assertThat(verify.exit()).as(verify.err()).isEqualTo(ExitCodes.OK);
        assertThat(verify.out()).contains("ok          " + OBJECTS);
        assertThat(verify.peakLiveHeapBytes()).isPositive().isLessThanOrEqualTo(LIVE_HEAP_LIMIT);
        System.out.printf("SmallHeapTest (-Xmx64m): backfill live heap at most %.1f MB, verify %.1f MB%n",
                backfill.peakLiveHeapBytes() / 1048576.0, verify.peakLiveHeapBytes() / 1048576.0);
    }
}
