package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.thumbctl.testing.FailingS3Server;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transient S3 trouble fails the invocation, so that Lambda retries the event. */
class ThumbnailHandlerFailureTest {

    static ThumbnailHandler handlerFor(URI endpoint) {
        return new ThumbnailHandler(ApplicationContext.builder().deduceEnvironment(false).properties(Map.of(
                "aws.services.s3.endpoint-override", endpoint.toString(),
                "aws.s3.path-style-access-enabled", "true",
                "aws.region", "us-east-1",
                "aws.access-key-id", S3TestServer.ACCESS_KEY,
                "aws.secret-key", S3TestServer.SECRET_KEY)).start());
    }

    static byte[] upload() {
        return S3Events.event(S3Events.created("photos", "a/cat.jpg", 2048, "0123456789abcdef"),
                S3Events.created("photos", "a/dog.jpg", 2048, "fedcba9876543210"));
    }

    @Test
    void s3Throttling_afterTheSdksRetries_failsTheInvocation() {
        try (FailingS3Server slowDown = FailingS3Server.answering(503, "SlowDown");
             ThumbnailHandler handler = handlerFor(slowDown.endpoint())) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();

            assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(upload()), answer, null))
                    .isInstanceOf(RetryableFailureException.class)
                    .hasMessageContaining("s3://photos/a/cat.jpg (throttled)")
                    .hasMessageContaining("s3://photos/a/dog.jpg (throttled)");
            assertThat(slowDown.requests()).as("the SDK retried before giving up").isGreaterThan(2);
            assertThat(answer.toString(StandardCharsets.UTF_8)).contains("\"retryable\":true");
        }
    }

    @Test
    void s3InternalError_failsTheInvocation() {
        try (FailingS3Server broken = FailingS3Server.answering(500, "InternalError");
             ThumbnailHandler handler = handlerFor(broken.endpoint())) {

            assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(upload()),
                    new ByteArrayOutputStream(), null))
                    .isInstanceOf(RetryableFailureException.class).hasMessageContaining("server-error");
        }
    }

    @Test
    void serverNotListening_failsTheInvocation() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ThumbnailHandler handler = handlerFor(URI.create("http://127.0.0.1:" + closedPort))) {

            assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(upload()),
                    new ByteArrayOutputStream(), null))
                    .isInstanceOf(RetryableFailureException.class).hasMessageContaining("network");
        }
    }

    @Test
    void refusedCredentials_areAccessDenied_andRetryable_soTheEventWaitsForTheFix() throws Exception {
        try (S3TestServer locked = S3TestServer.startCheckingCredentials()) {
            locked.createBucket("photos");
            String etag = locked.put("photos", "a/cat.jpg", TestImages.jpeg(64, 48), "image/jpeg");
            Map<String, Object> wrongSecret = new HashMap<>(locked.clientProperties());
            wrongSecret.put("aws.secret-key", "not-the-secret");
            try (ThumbnailHandler handler = new ThumbnailHandler(ApplicationContext.builder().deduceEnvironment(false)
                    .properties(wrongSecret).start())) {
                byte[] event = S3Events.event(S3Events.created("photos", "a/cat.jpg", 2048, etag));

                assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event),
                        new ByteArrayOutputStream(), null))
                        .isInstanceOf(RetryableFailureException.class)
                        .hasMessageContaining("s3://photos/a/cat.jpg (access-denied)");
            }
            assertThat(locked.head("photos", "thumbnails/a/cat.jpg")).isEmpty();
        }
    }
}
