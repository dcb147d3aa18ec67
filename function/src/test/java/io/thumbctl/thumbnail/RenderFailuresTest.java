package io.thumbctl.thumbnail;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.RetryableRenderException;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.CallBudget;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.OfflineS3;
import io.thumbctl.storage.StoredObject;
import io.thumbctl.storage.StoredRange;
import io.thumbctl.storage.WriteCondition;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A legal image never comes back as permanently failed because of the machine it was rendered
 * on: running out of memory or time is retryable, with a reason that says which.
 */
class RenderFailuresTest {

    /** The ETag {@link OfflineS3} gives every object. */
    static final String OFFLINE_ETAG = "0123456789abcdef0123456789abcdef";

    @Test
    void renderOutlastingItsTimeBound_failsAsRetryableRenderTimeout() {
        // A 6 MP PNG: inflating and filtering it takes far longer than 1 ms on any machine (a small
        // JPEG decoded at 1/8 scale by libjpeg-turbo can finish within it).
        byte[] photo = TestImages.png(3000, 2000);
        ThumbnailRenderer impatient = new ThumbnailRenderer(RenderSettings.defaults().withNative(true).withTimeLimit(Duration.ofMillis(1)));

        Outcome outcome;
        try (OfflineS3 s3 = OfflineS3.empty().put("photos", "slow.png", photo, Map.of())) {
            ThumbnailService service = new ThumbnailService(s3.store(), new KeyPolicy(ThumbnailSettings.defaults()),
                    impatient);
            outcome = service.create(new ObjectRef("photos", "slow.png", (long) photo.length, OFFLINE_ETAG));
        }

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(RetryableRenderException.TIMEOUT);
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.detail()).contains("longer than 1 ms");
        });
    }

    /**
     * The render is cut to what is left of the invocation ({@link CallBudget}): with nothing left,
     * it fails at once as a retryable timeout instead of running on past the point where its
     * thumbnail could still be written. The store here reads without minding the budget, so the
     * render is what meets it.
     */
    @Test
    void renderWithNoTimeLeftInTheInvocation_failsAsRetryableRenderTimeout() {
        byte[] photo = TestImages.png(400, 300);
        InMemoryStore store = new InMemoryStore(photo);
        ThumbnailService service = new ThumbnailService(store, new KeyPolicy(ThumbnailSettings.defaults()),
                new ThumbnailRenderer(RenderSettings.defaults().withNative(true).withTimeLimit(Duration.ofSeconds(60))));

        Outcome outcome;
        try (CallBudget.Scope spent = CallBudget.of(Duration.ZERO)) {
            outcome = service.create(new ObjectRef("photos", "late.png", (long) photo.length, OFFLINE_ETAG));
        }

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(RetryableRenderException.TIMEOUT);
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.detail()).contains("time ran out");
        });
        assertThat(store.puts).as("no thumbnail written").isZero();
    }

    /**
     * A 4000x4000 JPEG in a 4000x4000 box needs a 64 MB pixel array on either decode path; the
     * child JVM has a 48 MB heap. Before, the exhausted heap came back as {@code corrupt} and the
     * event was acknowledged and lost.
     */
    @Test
    void legalImageThatDoesNotFitTheHeap_failsAsRetryableOutOfMemory(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("big.jpg");
        Files.write(image, TestImages.jpeg(4000, 4000));

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SmallHeapRender.class.getName(), image.toString(), "4000")
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        List<String> lines = output.lines().filter(l -> l.startsWith("turbojpeg ") || l.startsWith("imageio ")).toList();
        assertThat(lines).as(output).isNotEmpty().contains("imageio failed out-of-memory true")
                .allMatch(l -> l.endsWith(" failed out-of-memory true"));
    }

    /** One object, read without S3 (and so without minding the call budget); writes are counted. */
    private static final class InMemoryStore implements ObjectStore {
        private final byte[] object;
        private int puts;

        InMemoryStore(byte[] object) {
            this.object = object;
        }

        @Override
        public Optional<ObjectInfo> head(String bucket, String key) {
            return Optional.empty(); // no thumbnail yet
        }

        @Override
        public StoredObject get(String bucket, String key, String ifMatch, long maxBytes) {
            return new StoredObject(new ObjectInfo(bucket, key, object.length, OFFLINE_ETAG, Instant.EPOCH, Map.of()),
                    object);
        }

        @Override
        public StoredRange getRange(String bucket, String key, long first, long lastInclusive, String ifMatch) {
            throw new UnsupportedOperationException("a PNG is read whole");
        }

        @Override
        public void put(String bucket, String key, byte[] content, String contentType, Map<String, String> metadata,
                        WriteCondition condition) {
            puts++;
        }

        @Override
        public void delete(String bucket, String key, String ifMatch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Stream<ObjectInfo> list(String bucket, String prefix, String startAfter) {
            throw new UnsupportedOperationException();
        }
    }
}
