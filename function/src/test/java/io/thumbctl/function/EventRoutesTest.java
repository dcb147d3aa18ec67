package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.thumbctl.event.InvalidEventException;
import io.thumbctl.testing.RouteEvents;
import io.thumbctl.testing.RouteEvents.Task;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every route S3 events take to the function, end to end through the stream interface Lambda
 * calls: event bytes in (AWS's documented examples from {@code events/}, or events built like
 * them), thumbnails in a real S3-compatible server and the answer each source expects out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRoutesTest {

    static final String FIXTURES = "route-fixtures";
    static final String PHOTOS = "photos";

    S3TestServer s3;
    ThumbnailHandler handler;

    @BeforeAll
    void start() {
        s3 = S3TestServer.start();
        s3.createBucket(FIXTURES);
        s3.createBucket(PHOTOS);
        s3.createBucket("example-bucket");
        handler = new ThumbnailHandler(ApplicationContext.builder().deduceEnvironment(false)
                .properties(s3.clientProperties()).start());
    }

    @AfterAll
    void stop() throws Exception {
        handler.close();
        s3.close();
    }

    // ---------------------------------------------------------------- helpers

    static byte[] fixture(String name) {
        try (InputStream in = EventRoutesTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Invokes the handler as Lambda does and returns the answer; the invocation must succeed. */
    String invoke(byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Invokes the handler expecting the invocation to fail; returns the answer written before. */
    String invokeFailing(byte[] event, Class<? extends RuntimeException> failure, String... messageParts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event), out, null))
                .isInstanceOf(failure)
                .hasMessageContainingAll(messageParts);
        return out.toString(StandardCharsets.UTF_8);
    }

    static Map<String, Object> json(String answer) throws IOException {
        return ObjectMapper.getDefault().readValue(answer, Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
        return (List<Map<String, Object>>) answer.get(field);
    }

    String upload(String bucket, String key) {
        return s3.put(bucket, key, TestImages.jpeg(200, 100), "image/jpeg");
    }

    boolean thumbnailExists(String bucket, String key) {
        return s3.head(bucket, "thumbnails/" + key).isPresent();
    }

    byte[] notification(String bucket, String key) {
        byte[] photo = TestImages.jpeg(200, 100);
        String etag = s3.put(bucket, key, photo, "image/jpeg");
        return S3Events.event(S3Events.created(bucket, key, photo.length, etag));
    }

    // ---------------------------------------------------------------- S3 notifications, direct

    @Test
    void s3Notification_awsExample_makesTheThumbnail_andAnswersItsOutcome() throws IOException {
        upload("example-bucket", "photos/Happy Face.jpg");

        Map<String, Object> answer = json(invoke(fixture("s3-put-v2.0.json")));

        assertThat(list(answer, "outcomes")).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("bucket", "example-bucket").containsEntry("key", "photos/Happy Face.jpg")
                .containsEntry("outcome", "created"));
        assertThat(thumbnailExists("example-bucket", "photos/Happy Face.jpg")).isTrue();
    }

    @Test
    void lifecycleExpiration_deletesTheThumbnail_likeObjectRemoved() throws IOException {
        invoke(notification(FIXTURES, "lifecycle/Happy Face.jpg"));
        assertThat(thumbnailExists(FIXTURES, "lifecycle/Happy Face.jpg")).isTrue();
        s3.client().deleteObject(b -> b.bucket(FIXTURES).key("lifecycle/Happy Face.jpg"));

        Map<String, Object> answer = json(invoke(fixture("s3-lifecycle-expiration.json")));

        assertThat(list(answer, "outcomes")).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("outcome", "deleted").containsEntry("key", "lifecycle/Happy Face.jpg"));
        assertThat(thumbnailExists(FIXTURES, "lifecycle/Happy Face.jpg")).isFalse();
    }

    @Test
    void recordThatCannotBeRead_doesNotStopTheOthers_andFailsTheInvocationAfterAllWereTried() throws IOException {
        String first = new String(notification(PHOTOS, "mixed/first.jpg"), StandardCharsets.UTF_8);
        String third = new String(notification(PHOTOS, "mixed/third.jpg"), StandardCharsets.UTF_8);
        // The middle record's key is not URL-encoded as S3 would send it ("%zz").
        String broken = first.substring(first.indexOf("[{") + 1, first.lastIndexOf("]}"))
                .replace("mixed%2Ffirst.jpg", "mixed/%zz.jpg");
        String event = "{\"Records\":[" + first.substring(first.indexOf("[{") + 1, first.lastIndexOf("]}")) + ","
                + broken + "," + third.substring(third.indexOf("[{") + 1, third.lastIndexOf("]}")) + "]}";

        String answer = invokeFailing(event.getBytes(StandardCharsets.UTF_8), RetryableFailureException.class,
                "Records[1]", "invalid-event");

        assertThat(list(json(answer), "outcomes")).extracting(o -> o.get("key"), o -> o.get("outcome"))
                .containsExactly(tuple("mixed/first.jpg", "created"),
                        tuple("mixed/third.jpg", "created"));
        assertThat(thumbnailExists(PHOTOS, "mixed/first.jpg")).isTrue();
        assertThat(thumbnailExists(PHOTOS, "mixed/third.jpg")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"hello\":\"world\"}",
            "{\"resource\":\"/\",\"path\":\"/\",\"httpMethod\":\"GET\",\"headers\":{}}",
            "{\"Records\":[{\"eventSource\":\"aws:kinesis\",\"kinesis\":{\"data\":\"dGVzdA==\"}}]}",
            "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}",
            "[1,2,3]", "not json at all"})
    void eventOfNoKnownShape_failsTheInvocation_namingTheShapesExpected(String event) {
        invokeFailing(event.getBytes(StandardCharsets.UTF_8), InvalidEventException.class,
                "S3 notification", "SNS", "SQS", "EventBridge", "S3 Batch Operations", "s3:TestEvent");
    }

    // ---------------------------------------------------------------- SNS

    @Test
    void sns_awsExample_carryingAnS3Notification_makesTheThumbnail() throws IOException {
        upload(FIXTURES, "sns/Happy Face.jpg");

        Map<String, Object> answer = json(invoke(fixture("sns-s3-put.json")));

        assertThat(list(answer, "outcomes")).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("key", "sns/Happy Face.jpg").containsEntry("outcome", "created"));
        assertThat(thumbnailExists(FIXTURES, "sns/Happy Face.jpg")).isTrue();
    }

    @Test
    void sns_testEvent_isAcknowledged() throws IOException {
        assertThat(invoke(fixture("sns-s3-test-event.json"))).isEqualTo("{\"outcomes\":[]}");
    }

    @Test
    void sns_messageOfNoKnownShape_failsTheInvocation_afterTheOtherRecordsWereHandled() {
        byte[] good = notification(PHOTOS, "sns-mixed/good.jpg");

        invokeFailing(RouteEvents.sns(good, "Hello from SNS!".getBytes(StandardCharsets.UTF_8)),
                RetryableFailureException.class, "invalid-event");

        assertThat(thumbnailExists(PHOTOS, "sns-mixed/good.jpg")).isTrue();
    }

    // ---------------------------------------------------------------- SQS

    @ParameterizedTest
    @CsvSource({"sqs-s3-put.json, sqs/Happy Face.jpg", "sqs-sns-s3-put.json, sqs-sns/Happy Face.jpg"})
    void sqs_awsExamples_notificationOrSnsEnvelope_makeTheThumbnail_andNoMessageFails(String fixture, String key)
            throws IOException {
        upload(FIXTURES, key);

        Map<String, Object> answer = json(invoke(fixture(fixture)));

        assertThat(answer).containsOnlyKeys("batchItemFailures");
        assertThat(list(answer, "batchItemFailures")).isEmpty();
        assertThat(thumbnailExists(FIXTURES, key)).isTrue();
    }

    @Test
    void sqs_testEvent_isAcknowledged() throws IOException {
        assertThat(list(json(invoke(fixture("sqs-s3-test-event.json"))), "batchItemFailures")).isEmpty();
    }

    @Test
    void sqs_bodiesOfNoKnownShape_areReportedFailed_andOnlyThem() throws IOException {
        byte[] good = notification(PHOTOS, "sqs-mixed/good.jpg");
        byte[] sns = notification(PHOTOS, "sqs-mixed/via-sns.jpg");

        Map<String, Object> answer = json(invoke(RouteEvents.sqs(
                RouteEvents.message("m-good", good),
                new RouteEvents.Message("m-not-json", "this is not JSON"),
                new RouteEvents.Message("m-other-json", "{\"order\":42}"),
                new RouteEvents.Message("m-sns-other", RouteEvents.snsEnvelope("Hello from SNS!".getBytes(StandardCharsets.UTF_8))),
                new RouteEvents.Message("m-via-sns", RouteEvents.snsEnvelope(sns)),
                RouteEvents.message("m-test", "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"photos\"}"
                        .getBytes(StandardCharsets.UTF_8)))));

        assertThat(list(answer, "batchItemFailures")).extracting(f -> f.get("itemIdentifier"))
                .containsExactly("m-not-json", "m-other-json", "m-sns-other");
        assertThat(thumbnailExists(PHOTOS, "sqs-mixed/good.jpg")).isTrue();
        assertThat(thumbnailExists(PHOTOS, "sqs-mixed/via-sns.jpg")).isTrue();
    }

    // ---------------------------------------------------------------- EventBridge

    @Test
    void eventBridge_objectCreated_awsExample_makesTheThumbnail() throws IOException {
        upload(FIXTURES, "eventbridge/example-key.jpg");

        Map<String, Object> answer = json(invoke(fixture("eventbridge-object-created.json")));

        assertThat(list(answer, "outcomes")).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("key", "eventbridge/example-key.jpg").containsEntry("outcome", "created"));
        assertThat(thumbnailExists(FIXTURES, "eventbridge/example-key.jpg")).isTrue();
    }

    @Test
    void eventBridge_objectDeleted_awsExample_deletesTheThumbnail() throws IOException {
        upload(FIXTURES, "eventbridge/example-key.jpg");
        invoke(fixture("eventbridge-object-created.json"));
        s3.client().deleteObject(b -> b.bucket(FIXTURES).key("eventbridge/example-key.jpg"));

        Map<String, Object> answer = json(invoke(fixture("eventbridge-object-deleted.json")));

        assertThat(list(answer, "outcomes")).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("outcome", "deleted"));
        assertThat(thumbnailExists(FIXTURES, "eventbridge/example-key.jpg")).isFalse();
    }

    /** EventBridge does not URL-encode keys (docs/routes.md): these would change if decoded. */
    @ParameterizedTest
    @ValueSource(strings = {"eventbridge/a+b.jpg", "eventbridge/My Photo(1).jpg", "eventbridge/100%25 real.jpg",
            "eventbridge/50% off+more.jpg", "eventbridge/ünïcödé/фото 😀.jpg"})
    void eventBridge_keyIsUsedAsDelivered(String key) throws IOException {
        String etag = upload(PHOTOS, key);

        Map<String, Object> answer = json(invoke(RouteEvents.eventBridge("Object Created", PHOTOS, key, 100L, etag)));

        assertThat(list(answer, "outcomes")).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("key", key).containsEntry("outcome", "created"));
        assertThat(thumbnailExists(PHOTOS, key)).isTrue();
    }

    @Test
    void eventBridge_otherS3DetailType_isAcknowledged() throws IOException {
        assertThat(invoke(RouteEvents.eventBridge("Object Restore Completed", PHOTOS, "restored.jpg", 5L, "e")))
                .isEqualTo("{\"outcomes\":[]}");
    }

    // ---------------------------------------------------------------- S3 Batch Operations

    @ParameterizedTest
    @CsvSource({"batch-operations-1.0.json, 1.0, YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo, dGFza2lkZ29lc2hlcmUK, batch/customerImage1.jpg",
            "batch-operations-1.0-lambda-guide.json, 1.0, YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo, dGFza2lkZ29lc2hlcmUK, batch/customerImage2.jpg",
            "batch-operations-2.0.json, 2.0, Jr3s8KZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZzatx7Ruy, y5R3a2lkZ29lc2hlurcS, batch/s3objectkey.jpg"})
    void batchOperations_awsExamples_succeed_echoingTheInvocation(String fixture, String schema, String invocationId,
                                                                  String taskId, String key) throws IOException {
        upload(FIXTURES, key);

        Map<String, Object> answer = json(invoke(fixture(fixture)));

        assertThat(answer).containsEntry("invocationSchemaVersion", schema)
                .containsEntry("invocationId", invocationId)
                .containsEntry("treatMissingKeysAs", "PermanentFailure");
        assertThat(list(answer, "results")).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("taskId", taskId).containsEntry("resultCode", "Succeeded");
            assertThat((String) r.get("resultString")).startsWith("thumbnail created for s3://" + FIXTURES + "/" + key);
        });
        assertThat(thumbnailExists(FIXTURES, key)).isTrue();
    }

    @Test
    void batchOperations_oneResultPerTask_codedByOutcome_andTheInvocationSucceeds() throws IOException {
        upload(PHOTOS, "batch/fine.jpg");
        upload(PHOTOS, "batch/again.jpg");
        invoke(RouteEvents.batch2("warm", new Task("t0", PHOTOS, "batch/again.jpg")));
        s3.put(PHOTOS, "batch/broken.jpg", "not a jpeg".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        String event = new String(RouteEvents.batch2("inv-1",
                new Task("t-created", PHOTOS, "batch/fine.jpg"),
                new Task("t-up-to-date", PHOTOS, "batch/again.jpg"),
                new Task("t-skipped", PHOTOS, "batch/notes.txt"),
                new Task("t-corrupt", PHOTOS, "batch/broken.jpg"),
                new Task("t-gone", PHOTOS, "batch/never-uploaded.jpg"),
                new Task("t-bad-key", PHOTOS, "batch/PLACEHOLDER")), StandardCharsets.UTF_8)
                // a key that is not URL-encoded as a manifest's would be
                .replace("batch%2FPLACEHOLDER", "batch/%zz.jpg");

        Map<String, Object> answer = json(invoke(event.getBytes(StandardCharsets.UTF_8)));

        assertThat(answer).containsEntry("invocationSchemaVersion", "2.0").containsEntry("invocationId", "inv-1");
        assertThat(list(answer, "results")).extracting(r -> r.get("taskId"), r -> r.get("resultCode"))
                .containsExactly(
                        tuple("t-created", "Succeeded"),
                        tuple("t-up-to-date", "Succeeded"),
                        tuple("t-skipped", "Succeeded"),
                        tuple("t-corrupt", "PermanentFailure"),
                        tuple("t-gone", "PermanentFailure"),
                        tuple("t-bad-key", "TemporaryFailure"));
        assertThat(list(answer, "results")).extracting(r -> (String) r.get("resultString"))
                .satisfiesExactly(
                        s -> assertThat(s).startsWith("thumbnail created for s3://photos/batch/fine.jpg"),
                        s -> assertThat(s).isEqualTo("thumbnail of s3://photos/batch/again.jpg is up to date"),
                        s -> assertThat(s).isEqualTo("skipped s3://photos/batch/notes.txt: not-an-image"),
                        s -> assertThat(s).containsPattern("failed s3://photos/batch/broken.jpg: (corrupt|unsupported-format)"),
                        s -> assertThat(s).startsWith("failed s3://photos/batch/never-uploaded.jpg: gone"),
                        s -> assertThat(s).startsWith("invalid-event: task t-bad-key"));
    }

    @Test
    void batchOperations_unknownSchemaVersion_failsTheInvocation_namingTheSupportedOnes() {
        String event = "{\"invocationSchemaVersion\":\"3.0\",\"invocationId\":\"x\",\"job\":{\"id\":\"j\"},"
                + "\"tasks\":[{\"taskId\":\"t\",\"s3Key\":\"a.jpg\",\"s3Bucket\":\"photos\"}]}";

        invokeFailing(event.getBytes(StandardCharsets.UTF_8), InvalidEventException.class, "3.0", "1.0", "2.0");
    }

    // ---------------------------------------------------------------- keys on every encoding route

    static Stream<Arguments> encodingRoutesAndAwkwardKeys() {
        List<String> routes = List.of("s3", "sns", "sqs", "sqs-sns", "batch-1.0", "batch-2.0");
        List<String> keys = List.of("My Photo(1).jpg", "a+b.jpg", "100% real.jpg", "ünïcödé/фото 😀.jpg");
        return routes.stream().flatMap(route -> keys.stream().map(key -> Arguments.of(route, key)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("encodingRoutesAndAwkwardKeys")
    void awkwardKeys_areDecodedBeforeAnyS3Call_onEveryRouteThatEncodesThem(String route, String name) throws IOException {
        String key = "keys/" + route + "/" + name;
        byte[] notification = notification(PHOTOS, key);
        byte[] event = switch (route) {
            case "s3" -> notification;
            case "sns" -> RouteEvents.sns(notification);
            case "sqs" -> RouteEvents.sqs(RouteEvents.message("m1", notification));
            case "sqs-sns" -> RouteEvents.sqs(new RouteEvents.Message("m1", RouteEvents.snsEnvelope(notification)));
            case "batch-1.0" -> RouteEvents.batch1("inv", new Task("t1", PHOTOS, key));
            case "batch-2.0" -> RouteEvents.batch2("inv", new Task("t1", PHOTOS, key));
            default -> throw new IllegalArgumentException(route);
        };

        Map<String, Object> answer = json(invoke(event));

        if (route.startsWith("sqs")) {
            assertThat(list(answer, "batchItemFailures")).isEmpty();
        } else if (route.startsWith("batch")) {
            assertThat(list(answer, "results")).singleElement().satisfies(r -> assertThat(r)
                    .containsEntry("resultCode", "Succeeded"));
        } else {
            assertThat(list(answer, "outcomes")).singleElement().satisfies(o -> assertThat(o)
                    .containsEntry("key", key).containsEntry("outcome", "created"));
        }
        assertThat(thumbnailExists(PHOTOS, key)).as("thumbnail of %s", key).isTrue();
    }

    // ---------------------------------------------------------------- a HEIC key on every route

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"s3", "sns", "sqs", "sqs-sns", "eventbridge", "batch-1.0", "batch-2.0"})
    void heicKey_isAnImage_onEveryRoute_andGetsItsJpeg(String route) throws IOException {
        String key = "heic/" + route + "/IMG_0001.HEIC";
        byte[] photo = TestImages.heif("plain.heic");
        String etag = s3.put(PHOTOS, key, photo, "image/heic");
        byte[] notification = S3Events.event(S3Events.created(PHOTOS, key, photo.length, etag));
        byte[] event = switch (route) {
            case "s3" -> notification;
            case "sns" -> RouteEvents.sns(notification);
            case "sqs" -> RouteEvents.sqs(RouteEvents.message("m1", notification));
            case "sqs-sns" -> RouteEvents.sqs(new RouteEvents.Message("m1", RouteEvents.snsEnvelope(notification)));
            case "eventbridge" -> RouteEvents.eventBridge("Object Created", PHOTOS, key, (long) photo.length, etag);
            case "batch-1.0" -> RouteEvents.batch1("inv", new Task("t1", PHOTOS, key));
            case "batch-2.0" -> RouteEvents.batch2("inv", new Task("t1", PHOTOS, key));
            default -> throw new IllegalArgumentException(route);
        };

        Map<String, Object> answer = json(invoke(event));

        if (route.startsWith("sqs")) {
            assertThat(list(answer, "batchItemFailures")).isEmpty();
        } else if (route.startsWith("batch")) {
            assertThat(list(answer, "results")).singleElement().satisfies(r -> {
                assertThat(r).containsEntry("resultCode", "Succeeded");
                assertThat((String) r.get("resultString")).startsWith("thumbnail created for s3://" + PHOTOS + "/" + key);
            });
        } else {
            assertThat(list(answer, "outcomes")).singleElement().satisfies(o -> assertThat(o)
                    .containsEntry("key", key).containsEntry("outcome", "created"));
        }
        assertThat(s3.head(PHOTOS, "thumbnails/" + key + ".jpg")).as("JPEG thumbnail of %s", key)
                .hasValueSatisfying(head -> assertThat(head.contentType()).isEqualTo("image/jpeg"));
        assertThat(thumbnailExists(PHOTOS, key)).as("nothing at the source's own key").isFalse();
    }
}
