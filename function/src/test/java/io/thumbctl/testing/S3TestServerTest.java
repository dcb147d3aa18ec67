package io.thumbctl.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The test server's start-up wait ends: when the server is up, when it failed, and at its deadline. */
class S3TestServerTest {

    @Test
    void serverThatNeverStarts_failsAtTheDeadlineInsteadOfHanging() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> S3TestServer.awaitStarted(() -> "STARTING", Duration.ofMillis(200)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("did not start within 200 ms (state STARTING)"));
    }

    @Test
    void serverThatFails_failsAtOnce() {
        assertThatThrownBy(() -> S3TestServer.awaitStarted(() -> "FAILED", Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed to start");
    }

    @Test
    void serverThatStarts_isWaitedFor() {
        AtomicInteger polls = new AtomicInteger();

        S3TestServer.awaitStarted(() -> polls.incrementAndGet() < 3 ? "STARTING" : "STARTED", Duration.ofSeconds(30));

        assertThat(polls).hasValue(3);
    }
}
