package io.thumbctl.cli.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.thumbctl.cli.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Local mode serves even when its warm-up fails, and says why with the cause. */
class WarmUpWaitTest {

    @Test
    void warmUpThatDied_isLoggedAsAWarningWithItsCause() {
        try (LogCapture log = new LogCapture(LocalPipeline.class)) {
            LocalPipeline.awaitBounded(CompletableFuture.failedFuture(new OutOfMemoryError("Java heap space")));

            assertThat(log.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("warm-up failed");
                assertThat(event.getThrowableProxy().getClassName()).isEqualTo(OutOfMemoryError.class.getName());
            });
        }
    }

    @Test
    void warmUpThatPassed_saysNothing() {
        try (LogCapture log = new LogCapture(LocalPipeline.class)) {
            LocalPipeline.awaitBounded(CompletableFuture.completedFuture(null));

            assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        }
    }
}
