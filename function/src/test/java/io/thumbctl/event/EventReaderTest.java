package io.thumbctl.event;

import io.micronaut.context.ApplicationContext;
import io.thumbctl.thumbnail.ObjectRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventReaderTest {

    static ApplicationContext context;
    static EventReader reader;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder().deduceEnvironment(false).start();
        reader = context.getBean(EventReader.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = EventReaderTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }

    static byte[] oneKey(String encodedKey) {
        return ("{\"Records\":[{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":"
                + "{\"name\":\"photos\"},\"object\":{\"key\":\"" + encodedKey + "\",\"size\":5}}}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventVersion20_putRecord_isRead() throws IOException {
        ParsedEvent event = reader.read(resource("s3-put-v2.0.json"));

        assertThat(event.route()).isEqualTo(Route.S3);
        assertThat(event.objects()).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(ObjectEvent.Action.CREATED);
            assertThat(o.object()).isEqualTo(new ObjectRef("example-bucket", "photos/Happy Face.jpg", 1024L,
                    "0123456789abcdef0123456789abcdef"));
        });
    }

    @Test
    void eventVersion21_withSequencerAndNoVersionId_isRead() throws IOException {
        ParsedEvent event = reader.read(resource("s3-put-v2.1.json"));

        assertThat(event.objects()).singleElement().satisfies(o -> {
            assertThat(o.object().key()).isEqualTo("uploads/b21b84d653bb07b05b1e6b33684dc11b");
            assertThat(o.object().size()).isEqualTo(1305107L);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "photos/My+Photo%281%29.jpg|photos/My Photo(1).jpg",
            "a%2Bb.jpg|a+b.jpg",
            "100%25+real.png|100% real.png",
            "%D1%84%D0%BE%D1%82%D0%BE/%C3%BCber.jpg|фото/über.jpg",
            "emoji%F0%9F%98%80.jpg|emoji😀.jpg",
            "plain/key.jpg|plain/key.jpg"})
    void keys_areFormDecoded(String encoded, String decoded) {
        assertThat(reader.read(oneKey(encoded)).objects().get(0).object().key()).isEqualTo(decoded);
    }

    @Test
    void plusInKey_decodesToSpace() {
        assertThat(reader.read(oneKey("My+Photo.jpg")).objects().get(0).object().key()).isEqualTo("My Photo.jpg");
    }

    @Test
    void removedAndOtherEventTypes_areClassified() {
        String json = "{\"Records\":["
                + "{\"eventName\":\"ObjectRemoved:DeleteMarkerCreated\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"x.jpg\"}}},"
                + "{\"eventName\":\"ObjectRestore:Completed\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"y.jpg\"}}},"
                + "{\"eventName\":\"ObjectCreated:CompleteMultipartUpload\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"z.jpg\"}}},"
                + "{\"eventName\":\"LifecycleExpiration:Delete\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"l.jpg\"}}},"
                + "{\"eventName\":\"LifecycleExpiration:DeleteMarkerCreated\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"m.jpg\"}}},"
                + "{\"eventName\":\"LifecycleTransition\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"n.jpg\"}}}]}";

        assertThat(reader.read(json.getBytes(StandardCharsets.UTF_8)).objects()).extracting(ObjectEvent::action)
                .containsExactly(ObjectEvent.Action.REMOVED, ObjectEvent.Action.IGNORED, ObjectEvent.Action.CREATED,
                        ObjectEvent.Action.REMOVED, ObjectEvent.Action.REMOVED, ObjectEvent.Action.IGNORED);
    }

    @Test
    void testEvent_hasNoObjects() {
        ParsedEvent event = reader.read("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"photos\"}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(event.route()).isEqualTo(Route.S3_TEST_EVENT);
        assertThat(event.objects()).isEmpty();
    }

    @Test
    void unknownShape_isRejectedWithItsFields_andTheShapesExpected() {
        assertThatThrownBy(() -> reader.read("{\"detail-type\":\"Object Created\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("[detail-type]")
                .hasMessageContainingAll("S3 notification (Records[].s3)", "SNS event", "SQS event", "EventBridge event",
                        "S3 Batch Operations", "s3:TestEvent");
    }

    @Test
    void unknownRecords_areRejectedWithTheFirstRecordsFields() {
        assertThatThrownBy(() -> reader.read("{\"Records\":[{\"eventSource\":\"aws:dynamodb\",\"dynamodb\":{}}]}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("Records[0] had [eventSource, dynamodb]");
    }

    @Test
    void emptyRecords_isAnS3NotificationWithNothingToDo() {
        ParsedEvent event = reader.read("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThat(event.route()).isEqualTo(Route.S3);
        assertThat(event.items()).isEmpty();
    }

    @Test
    void eachRoute_isRecognisedByItsTopLevelShape() throws IOException {
        assertThat(reader.read(resource("sns-s3-put.json")).route()).isEqualTo(Route.SNS);
        assertThat(reader.read(resource("sqs-s3-put.json")).route()).isEqualTo(Route.SQS);
        assertThat(reader.read(resource("eventbridge-object-created.json")).route()).isEqualTo(Route.EVENTBRIDGE);
        assertThat(reader.read(resource("batch-operations-1.0.json")).route()).isEqualTo(Route.BATCH_OPERATIONS);
        assertThat(reader.read(resource("batch-operations-2.0.json")).route()).isEqualTo(Route.BATCH_OPERATIONS);
        assertThat(reader.read(resource("s3-lifecycle-expiration.json")).route()).isEqualTo(Route.S3);
    }

    @Test
    void recordWithMalformedKey_failsAlone_whenItsObjectsAreRead() {
        ParsedEvent event = reader.read(("{\"Records\":[" + record("ok.jpg") + "," + record("%zz.jpg") + "]}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(event.items()).hasSize(2);
        assertThat(event.items().get(0).objects()).singleElement()
                .satisfies(o -> assertThat(o.object().key()).isEqualTo("ok.jpg"));
        assertThatThrownBy(() -> event.items().get(1).objects())
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("%zz.jpg");
    }

    static String record(String encodedKey) {
        return "{\"eventVersion\":\"2.1\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":"
                + "{\"name\":\"photos\"},\"object\":{\"key\":\"" + encodedKey + "\",\"size\":5}}}";
    }

    @Test
    void malformedJson_isRejected() {
        assertThatThrownBy(() -> reader.read("{\"Records\":[".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);
    }
}
