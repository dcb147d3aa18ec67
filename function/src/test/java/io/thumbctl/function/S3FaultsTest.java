package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.thumbctl.testing.RouteEvents;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3FaultRelay;
import io.thumbctl.testing.S3FaultRelay.Fault;
import io.thumbctl.testing.S3FaultRelay.Kind;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import io.thumbctl.testing.TestLambdaContext;
import io.thumbctl.thumbnail.ThumbnailService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3 in trouble for one object of an event, through the real handler, the real SDK and an HTTP
 * relay that injects the fault ({@link S3FaultRelay}): that object fails with the reason that
 * names the trouble, retryably (so Lambda retries the event); the event's other objects get
 * their thumbnails; nothing partial or wrong is left at the faulty object's thumbnail key; the
 * invocation ends while Lambda still waits for it; and once S3 is well again, the retry
 * completes everything.
 */
class S3FaultsTest {

    static final String BUCKET = "faults";
    static S3TestServer s3;
    static S3FaultRelay relay;
    static final byte[] PHOTO = TestImages.jpeg(640, 480);
    static final long LAMBDA_TIMEOUT_MILLIS = 30_000;

    /** One kind of trouble, where it strikes, and what the faulty object's outcome must say. */
    enum Trouble {
        THROTTLED_READ(Kind.THROTTLE, false, "GET", "throttled"),
        SERVER_ERROR_ON_READ(Kind.SERVER_ERROR, false, "GET", "server-error"),
        CONNECTION_RESET_ON_READ(Kind.RESET, false, "GET", "network"),
        SHORT_BODY_ON_READ(Kind.SHORT_BODY, false, "GET", "network"),
        READ_NEVER_ANSWERED(Kind.HANG, false, "GET", "timeout"),
        READ_TRICKLING(Kind.TRICKLE, false, "GET", "timeout"),
        /** A role without s3:PutObject on the prefix: retryable by design, fixed by configuration. */
        THUMBNAIL_WRITE_REFUSED(Kind.DENY, true, "PUT", "access-denied"),
        THUMBNAIL_WRITE_NEVER_ANSWERED(Kind.HANG, true, "PUT", "timeout"),
        THUMBNAIL_WRITE_RESET(Kind.RESET, true, "PUT", "network"),
        // 4xx answers that S3 documents as worth a retry: never acknowledged as done.
        REQUEST_TIMEOUT_ON_READ(Kind.REQUEST_TIMEOUT, false, "GET", "timeout"),
        REQUEST_TIMEOUT_ON_WRITE(Kind.REQUEST_TIMEOUT, true, "PUT", "timeout"),
        EXPIRED_TOKEN_ON_READ(Kind.EXPIRED_TOKEN, false, "GET", "expired-credentials"),
        EXPIRED_TOKEN_ON_WRITE(Kind.EXPIRED_TOKEN, true, "PUT", "expired-credentials"),
        OPERATION_ABORTED_ON_READ(Kind.OPERATION_ABORTED, false, "GET", "busy"),
        OPERATION_ABORTED_ON_WRITE(Kind.OPERATION_ABORTED, true, "PUT", "busy");

        final Kind kind;
        final boolean onThumbnail;
        final String method;
        final String reason;

        Trouble(Kind kind, boolean onThumbnail, String method, String reason) {
            this.kind = kind;
            this.onThumbnail = onThumbnail;
            this.method = method;
            this.reason = reason;
        }
    }

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
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

    /** Bounds that let the SDK retry a throttled call to its end, and cut a hung one in a few seconds. */
    static ThumbnailHandler handler() {
        return handler(Map.of("thumbnail.s3.call-timeout", "4s", "thumbnail.s3.attempt-timeout", "1s"));
    }

    static byte[] uploads(String... keys) {
        List<S3Events.Change> changes = new ArrayList<>();
        for (String key : keys) {
            changes.add(S3Events.created(BUCKET, key, PHOTO.length, s3.put(BUCKET, key, PHOTO, "image/jpeg")));
        }
        return S3Events.event(changes);
    }

    /** Invokes the handler as Lambda would; returns the answer, or throws what the handler threw. */
    static String invoke(ThumbnailHandler handler, byte[] event, TestLambdaContext context) throws Exception {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, context);
        return answer.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Trouble.class)
    void troubleWithOneObject_failsItRetryably_theOthersAreDone_andTheRetryCompletesIt(Trouble trouble)
            throws Exception {
        String dir = trouble.name().toLowerCase(Locale.ROOT) + "/";
        String faulty = dir + "faulty.jpg";
        byte[] event = uploads(dir + "fine-1.jpg", faulty, dir + "fine-2.jpg");
        relay.inject(BUCKET, trouble.onThumbnail ? thumbnailKey(faulty) : faulty,
                new Fault(trouble.kind, trouble.method, -1));

        try (ThumbnailHandler handler = handler()) {
            TestLambdaContext context = TestLambdaContext.withTimeout(LAMBDA_TIMEOUT_MILLIS);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();

            assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event), answer, context))
                    .isInstanceOf(RetryableFailureException.class)
                    .hasMessageStartingWith("1 failure(s) should be retried")
                    .hasMessageContaining("s3://" + BUCKET + "/" + faulty + " (" + trouble.reason + ")");

            assertThat(context.getRemainingTimeInMillis()).as("answered before Lambda's timeout").isPositive();
            assertThat(answer.toString(StandardCharsets.UTF_8))
                    .contains("\"key\":\"" + faulty + "\",\"outcome\":\"failed\",\"reason\":\"" + trouble.reason
                            + "\",\"retryable\":true")
                    .contains("\"key\":\"" + dir + "fine-1.jpg\",\"outcome\":\"created\"")
                    .contains("\"key\":\"" + dir + "fine-2.jpg\",\"outcome\":\"created\"");
            assertThumbnailOf(dir + "fine-1.jpg");
            assertThumbnailOf(dir + "fine-2.jpg");
            assertThat(s3.head(BUCKET, thumbnailKey(faulty))).as("nothing at the faulty object's thumbnail key")
                    .isEmpty();

            relay.clear();
            String retry = invoke(handler, event, TestLambdaContext.withTimeout(LAMBDA_TIMEOUT_MILLIS));

            assertThat(retry).as("Lambda's retry, with S3 well again")
                    .contains("\"key\":\"" + faulty + "\",\"outcome\":\"created\"")
                    .contains("\"key\":\"" + dir + "fine-1.jpg\",\"outcome\":\"up-to-date\"")
                    .doesNotContain("\"failed\"");
            assertThumbnailOf(faulty);
        }
    }

    /**
     * The same answers on the SQS route: the faulty object's message, and only it, is named for a
     * retry (a partial batch response), the others are deleted from the queue with their thumbnails
     * made, and the retry of that message completes it.
     */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"REQUEST_TIMEOUT", "EXPIRED_TOKEN", "OPERATION_ABORTED", "THROTTLE",
            "SERVER_ERROR"})
    void sqs_retryableAnswerForOneObject_namesOnlyItsMessage_andTheRetryCompletesIt(Kind kind) throws Exception {
        String dir = "sqs-" + kind.name().toLowerCase(Locale.ROOT) + "/";
        String faulty = dir + "faulty.jpg";
        byte[] fine = uploads(dir + "fine.jpg");
        byte[] bad = uploads(faulty);
        byte[] event = RouteEvents.sqs(RouteEvents.message("m-fine", fine), RouteEvents.message("m-faulty", bad));
        relay.inject(BUCKET, faulty, new Fault(kind, "GET", -1));

        try (ThumbnailHandler handler = handler()) {
            String answer = invoke(handler, event, TestLambdaContext.withTimeout(LAMBDA_TIMEOUT_MILLIS));

            assertThat(answer).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-faulty\"}]}");
            assertThumbnailOf(dir + "fine.jpg");
            assertThat(s3.head(BUCKET, thumbnailKey(faulty))).isEmpty();

            relay.clear();
            String retry = invoke(handler, RouteEvents.sqs(RouteEvents.message("m-faulty", bad)),
                    TestLambdaContext.withTimeout(LAMBDA_TIMEOUT_MILLIS));

            assertThat(retry).isEqualTo("{\"batchItemFailures\":[]}");
            assertThumbnailOf(faulty);
        }
    }

    @Test
    void callsThatWouldOutlastTheInvocation_areCutToItsBudget() {
        byte[] event = uploads("budget/hangs.jpg", "budget/next.jpg");
        relay.inject(BUCKET, "budget/hangs.jpg", Fault.of(Kind.HANG));
        long lambdaTimeout = 5_000;

        // Each call alone may take 20 s (the default); the invocation gives all of them 60% of 5 s.
        try (ThumbnailHandler handler = handler(Map.of())) {
            TestLambdaContext context = TestLambdaContext.withTimeout(lambdaTimeout);
            assertThatThrownBy(() -> invoke(handler, event, context))
                    .isInstanceOf(RetryableFailureException.class)
                    .hasMessageContaining("s3://" + BUCKET + "/budget/hangs.jpg (timeout)")
                    .hasMessageContaining("s3://" + BUCKET + "/budget/next.jpg (timeout)");

            assertThat(context.getRemainingTimeInMillis()).as("answered before Lambda's timeout").isPositive();
            assertThat(s3.head(BUCKET, thumbnailKey("budget/next.jpg"))).isEmpty();
        }
    }

    static String thumbnailKey(String key) {
        return "thumbnails/" + key;
    }

    /** A whole thumbnail of {@link #PHOTO} (640x480 in a 128 box), marked with its source's ETag. */
    static void assertThumbnailOf(String key) {
        HeadObjectResponse head = s3.head(BUCKET, thumbnailKey(key)).orElseThrow(
                () -> new AssertionError("no thumbnail for " + key));
        String sourceEtag = s3.head(BUCKET, key).orElseThrow().eTag().replace("\"", "");
        assertThat(head.contentType()).isEqualTo("image/jpeg");
        assertThat(head.metadata()).containsEntry(ThumbnailService.SOURCE_ETAG, sourceEtag);
        BufferedImage thumbnail = TestImages.decode(s3.get(BUCKET, thumbnailKey(key)));
        assertThat(new int[]{thumbnail.getWidth(), thumbnail.getHeight()}).containsExactly(128, 96);
    }
}
