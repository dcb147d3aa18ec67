package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.thumbctl.testing.RouteEvents;
import io.thumbctl.testing.RouteEvents.Task;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3FaultRelay;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One object throttled by S3 (a real HTTP endpoint answering {@code 503 SlowDown} for its key,
 * after the SDK's retries) while the others are fine: each route reports exactly that item for a
 * retry, in the way its source expects, and still handles the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteFailuresTest {

    static final String PHOTOS = "photos";

    S3TestServer s3;
    S3FaultRelay relay;
    ThumbnailHandler handler;

    @BeforeAll
    void start() {
        s3 = S3TestServer.start();
        s3.createBucket(PHOTOS);
        relay = S3FaultRelay.inFrontOf(s3.endpoint());
        handler = new ThumbnailHandler(ApplicationContext.builder().deduceEnvironment(false)
                .properties(relay.clientProperties()).start());
    }

    @AfterEach
    void clearFaults() {
        relay.clear();
    }

    @AfterAll
    void stop() throws Exception {
        handler.close();
        relay.close();
        s3.close();
    }

    S3Events.Change upload(String key) {
        byte[] photo = TestImages.jpeg(200, 100);
        String etag = s3.put(PHOTOS, key, photo, "image/jpeg");
        return S3Events.created(PHOTOS, key, photo.length, etag);
    }

    byte[] uploaded(String key) {
        return S3Events.event(upload(key));
    }

    void throttle(String key) {
        relay.inject(PHOTOS, key, S3FaultRelay.Fault.throttle());
    }

    boolean thumbnailExists(String key) {
        return s3.head(PHOTOS, "thumbnails/" + key).isPresent();
    }

    Map<String, Object> invoke(byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return ObjectMapper.getDefault().readValue(out.toByteArray(), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
        return (List<Map<String, Object>>) answer.get(field);
    }

    @Test
    void sqs_oneMessageThrottled_isTheOnlyBatchItemFailure_andTheOthersAreDone() throws IOException {
        byte[] first = uploaded("sqs/first.jpg");
        byte[] slow = uploaded("sqs/slow down.jpg");
        byte[] viaSns = uploaded("sqs/via-sns.jpg");
        throttle("sqs/slow down.jpg");

        Map<String, Object> answer = invoke(RouteEvents.sqs(
                RouteEvents.message("m-first", first),
                RouteEvents.message("m-throttled", slow),
                new RouteEvents.Message("m-via-sns", RouteEvents.snsEnvelope(viaSns))));

        assertThat(list(answer, "batchItemFailures")).extracting(f -> f.get("itemIdentifier"))
                .containsExactly("m-throttled");
        assertThat(relay.requests(PHOTOS, "sqs/slow down.jpg")).as("S3 was asked, and the SDK retried").hasSizeGreaterThan(1);
        assertThat(thumbnailExists("sqs/first.jpg")).isTrue();
        assertThat(thumbnailExists("sqs/via-sns.jpg")).isTrue();
        assertThat(thumbnailExists("sqs/slow down.jpg")).isFalse();
    }

    @Test
    void batchOperations_throttledTask_isTemporaryFailure_andTheOthersSucceed() throws IOException {
        uploaded("batch/first.jpg");
        uploaded("batch/slow down.jpg");
        throttle("batch/slow down.jpg");

        Map<String, Object> answer = invoke(RouteEvents.batch2("inv-throttle",
                new Task("t-first", PHOTOS, "batch/first.jpg"),
                new Task("t-throttled", PHOTOS, "batch/slow down.jpg")));

        assertThat(answer).containsEntry("invocationId", "inv-throttle");
        assertThat(list(answer, "results")).extracting(r -> r.get("taskId"), r -> r.get("resultCode")).containsExactly(
                tuple("t-first", "Succeeded"), tuple("t-throttled", "TemporaryFailure"));
        assertThat((String) list(answer, "results").get(1).get("resultString"))
                .startsWith("failed s3://photos/batch/slow down.jpg: throttled");
        assertThat(thumbnailExists("batch/first.jpg")).isTrue();
    }

    @Test
    void batchOperations_schema10_throttledTask_isTemporaryFailure() throws IOException {
        uploaded("batch10/slow.jpg");
        throttle("batch10/slow.jpg");

        Map<String, Object> answer = invoke(RouteEvents.batch1("inv-10", new Task("t", PHOTOS, "batch10/slow.jpg")));

        assertThat(list(answer, "results")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("taskId", "t").containsEntry("resultCode", "TemporaryFailure"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "sns", "eventbridge"})
    void notificationRoutes_throttledObject_failsTheInvocation_afterEveryOtherObjectWasHandled(String route) {
        String done = route + "/done.jpg";
        String slow = route + "/slow down.jpg";
        S3Events.Change doneChange = upload(done);
        S3Events.Change slowChange = upload(slow);
        throttle(slow);
        byte[] event = switch (route) {
            case "s3" -> S3Events.event(slowChange, doneChange);
            case "sns" -> RouteEvents.sns(S3Events.event(slowChange), S3Events.event(doneChange));
            default -> RouteEvents.eventBridge("Object Created", PHOTOS, slow, slowChange.size(), slowChange.etag());
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event), out, null))
                .isInstanceOf(RetryableFailureException.class)
                .hasMessageContaining("s3://photos/" + slow + " (throttled)");

        String answer = out.toString(StandardCharsets.UTF_8);
        assertThat(answer).contains("\"key\":\"" + slow + "\"").contains("\"reason\":\"throttled\"")
                .contains("\"retryable\":true");
        if (!route.equals("eventbridge")) {
            assertThat(answer).contains("\"key\":\"" + done + "\",\"outcome\":\"created\"");
            assertThat(thumbnailExists(done)).isTrue();
        }
    }
}
