package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3FaultRelay;
import io.thumbctl.testing.S3FaultRelay.Fault;
import io.thumbctl.testing.S3FaultRelay.Kind;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import io.thumbctl.testing.TestLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3 that accepts a request and never answers, or trickles its answer: the object fails as
 * retryable ({@code timeout}), the event's other objects are still handled, and the invocation
 * fails while Lambda still waits for it, so that Lambda retries it; once S3 is well again the
 * retry completes everything.
 */
class HungS3Test {

    static S3TestServer s3;
    static S3FaultRelay relay;
    static final byte[] PHOTO = TestImages.jpeg(640, 480);

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket("hung");
        relay = S3FaultRelay.inFrontOf(s3.endpoint());
    }

    @AfterEach
    void clear() {
        relay.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        s3.close();
    }

    static ThumbnailHandler handler(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(relay.clientProperties());
        props.putAll(extra);
        return new ThumbnailHandler(ApplicationContext.builder().deduceEnvironment(false).properties(props).start());
    }

    static byte[] uploads(String... keys) {
        List<S3Events.Change> changes = new ArrayList<>();
        for (String key : keys) {
            changes.add(S3Events.created("hung", key, PHOTO.length, s3.put("hung", key, PHOTO, "image/jpeg")));
        }
        return S3Events.event(changes);
    }

    static String invoke(ThumbnailHandler handler, byte[] event, long lambdaTimeoutMillis) throws Exception {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, TestLambdaContext.withTimeout(lambdaTimeoutMillis));
        return answer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hungAndTricklingReads_failTheirObjectsOnly_andTheInvocationEndsInTime() throws Exception {
        byte[] event = uploads("a/hangs.jpg", "a/fine-1.jpg", "a/trickles.jpg", "a/fine-2.jpg");
        relay.inject("hung", "a/hangs.jpg", Fault.of(Kind.HANG).onMethod("GET"));
        relay.inject("hung", "a/trickles.jpg", Fault.of(Kind.TRICKLE).onMethod("GET"));
        long lambdaTimeout = 30_000;

        try (ThumbnailHandler handler = handler(Map.of("thumbnail.s3.call-timeout", "2s",
                "thumbnail.s3.attempt-timeout", "1s"))) {
            long started = System.nanoTime();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event), answer,
                    TestLambdaContext.withTimeout(lambdaTimeout)))
                    .isInstanceOf(RetryableFailureException.class)
                    .hasMessageContaining("s3://hung/a/hangs.jpg (timeout)")
                    .hasMessageContaining("s3://hung/a/trickles.jpg (timeout)");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(tookMillis).as("answered while Lambda still listens").isLessThan(lambdaTimeout);
            assertThat(s3.head("hung", "thumbnails/a/fine-1.jpg")).isPresent();
            assertThat(s3.head("hung", "thumbnails/a/fine-2.jpg")).isPresent();
            assertThat(s3.head("hung", "thumbnails/a/hangs.jpg")).as("nothing partial").isEmpty();
            assertThat(s3.head("hung", "thumbnails/a/trickles.jpg")).isEmpty();

            relay.clear();
            assertThat(invoke(handler, event, lambdaTimeout)).as("Lambda's retry, with S3 well again")
                    .contains("\"outcome\":\"created\"").doesNotContain("\"failed\"");
            assertThat(s3.head("hung", "thumbnails/a/hangs.jpg")).isPresent();
            assertThat(s3.head("hung", "thumbnails/a/trickles.jpg")).isPresent();
        }
    }

    @Test
    void callsThatWouldOutlastTheInvocation_areCutToItsBudget() {
        byte[] event = uploads("b/hangs.jpg", "b/next.jpg");
        relay.inject("hung", "b/hangs.jpg", Fault.of(Kind.HANG));
        long lambdaTimeout = 5_000;

        // Each call alone may take 20 s (the default); the invocation gives all of them 60% of 5 s.
        try (ThumbnailHandler handler = handler(Map.of())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> invoke(handler, event, lambdaTimeout))
                    .isInstanceOf(RetryableFailureException.class)
                    .hasMessageContaining("s3://hung/b/hangs.jpg (timeout)")
                    .hasMessageContaining("s3://hung/b/next.jpg (timeout)");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(tookMillis).isLessThan(lambdaTimeout);
        }
    }
}
