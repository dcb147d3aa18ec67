package io.thumbctl.cli.backfill;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.thumbctl.cli.testing.Await;
import io.thumbctl.cli.testing.LogCapture;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.SkipReason;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.StoredObject;
import io.thumbctl.storage.StoredRange;
import io.thumbctl.storage.TransientStorageException;
import io.thumbctl.storage.WriteCondition;
import io.thumbctl.thumbnail.ObjectRef;
import io.thumbctl.thumbnail.Outcome;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressDisplayTest {

    /** Only the background count lists; it waits until the test lets it go. */
    static final class SlowCount implements ObjectStore {
        final CountDownLatch release = new CountDownLatch(1);
        RuntimeException failure;

        @Override
        public Stream<ObjectInfo> list(String bucket, String prefix, String startAfter) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return Stream.empty();
        }

        @Override
        public Optional<ObjectInfo> head(String bucket, String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StoredObject get(String bucket, String key, String ifMatch, long maxBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StoredRange getRange(String bucket, String key, long first, long lastInclusive, String ifMatch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void put(String bucket, String key, byte[] content, String contentType, Map<String, String> metadata,
                        WriteCondition condition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String bucket, String key, String ifMatch) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void runFinishedBeforeTheCount_barStillEndsWithItsTotal() {
        SlowCount store = new SlowCount();
        StringWriter err = new StringWriter();
        BackfillRequest request = new BackfillRequest("b", "", 1, false);

        try (ProgressDisplay bar = new ProgressDisplay(new PrintWriter(err), store, ThumbnailSettings.defaults(),
                request)) {
            bar.finished(new Outcome.Skipped(ObjectRef.of("b", "a.txt"), SkipReason.NOT_AN_IMAGE));
            bar.finished(new Outcome.Skipped(ObjectRef.of("b", "c.txt"), SkipReason.NOT_AN_IMAGE));
        }
        store.release.countDown();

        assertThat(err.toString()).contains("2/2 keys").endsWith("\n");
    }

    @Test
    void countFails_isLoggedWithItsCause_andTheBarGoesOn() {
        SlowCount store = new SlowCount();
        store.failure = new TransientStorageException("throttled", "s3://b/: S3 is throttling (503)", null);
        StringWriter err = new StringWriter();

        try (LogCapture log = new LogCapture(ProgressDisplay.class);
             ProgressDisplay bar = new ProgressDisplay(new PrintWriter(err), store, ThumbnailSettings.defaults(),
                     new BackfillRequest("b", "", 1, false))) {
            store.release.countDown();
            Await.until("the count's failure logged", Duration.ofSeconds(10), () -> !log.events().isEmpty());
            bar.finished(new Outcome.Skipped(ObjectRef.of("b", "a.txt"), SkipReason.NOT_AN_IMAGE));

            ILoggingEvent event = log.events().get(0);
            assertThat(event.getFormattedMessage()).contains("cannot count the keys of s3://b/");
            assertThat(event.getThrowableProxy().getMessage()).contains("S3 is throttling");
        }
        assertThat(err.toString()).contains("1 keys");
    }
}
