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

        assertThat(event.shape()).isEqualTo("s3-notification");
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
                + "{\"eventName\":\"ObjectCreated:CompleteMultipartUpload\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"z.jpg\"}}}]}";

        assertThat(reader.read(json.getBytes(StandardCharsets.UTF_8)).objects()).extracting(ObjectEvent::action)
                .containsExactly(ObjectEvent.Action.REMOVED, ObjectEvent.Action.IGNORED, ObjectEvent.Action.CREATED);
    }

    @Test
    void testEvent_hasNoObjects() {
        ParsedEvent event = reader.read("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"photos\"}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(event.shape()).isEqualTo("s3-test-event");
        assertThat(event.objects()).isEmpty();
    }

    @Test
    void unknownShape_isRejectedWithItsFields() {
        assertThatThrownBy(() -> reader.read("{\"detail-type\":\"Object Created\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("detail-type");
    }

    @Test
    void malformedJson_isRejected() {
        assertThatThrownBy(() -> reader.read("{\"Records\":[".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);
    }
}
