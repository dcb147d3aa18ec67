package io.thumbctl.cli.local;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.thumbctl.event.EventReader;
import io.thumbctl.event.ObjectEvent;
import io.thumbctl.thumbnail.ObjectRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The event local mode sends is the one S3 sends, and the function reads it back exactly. */
class S3EventJsonTest {

    static ApplicationContext context;
    static S3EventJson events;
    static JsonMapper json;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder().deduceEnvironment(false).start();
        json = context.getBean(JsonMapper.class);
        events = new S3EventJson(json);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    static ObjectChange change(String eventName, String key, Long size, String etag) {
        return new ObjectChange(eventName, "photos", key, size, etag, 42, Instant.parse("2026-11-22T10:15:30.123Z"), 0);
    }

    static JsonNode record(byte[] event) throws Exception {
        JsonNode records = json.readValue(event, JsonNode.class).get("Records");
        assertThat(records.size()).isEqualTo(1);
        return records.get(0);
    }

    @Test
    void put_isAnEventVersion21Record_withEncodedKeySizeAndEtag() throws Exception {
        byte[] event = events.notification(change(ObjectChange.PUT, "holiday/My Photo ü+1.jpg", 1234L, "abc123"));

        JsonNode record = record(event);
        assertThat(record.get("eventVersion").getStringValue()).isEqualTo("2.1");
        assertThat(record.get("eventSource").getStringValue()).isEqualTo("aws:s3");
        assertThat(record.get("eventName").getStringValue()).isEqualTo("ObjectCreated:Put");
        assertThat(record.get("eventTime").getStringValue()).isEqualTo("2026-11-22T10:15:30.123Z");
        JsonNode s3 = record.get("s3");
        assertThat(s3.get("bucket").get("name").getStringValue()).isEqualTo("photos");
        assertThat(s3.get("bucket").get("arn").getStringValue()).isEqualTo("arn:aws:s3:::photos");
        JsonNode object = s3.get("object");
        // S3 form-encodes the key but leaves '/' as it is: "holiday/My+Photo.jpg" (space as '+')
        assertThat(object.get("key").getStringValue()).isEqualTo("holiday/My+Photo+%C3%BC%2B1.jpg");
        assertThat(object.get("size").getLongValue()).isEqualTo(1234L);
        assertThat(object.get("eTag").getStringValue()).isEqualTo("abc123");
        assertThat(object.get("sequencer").getStringValue()).isEqualTo("000000000000002A");
    }

    @Test
    void key_isEncodedAsS3EncodesIt_slashesKept_percentAndPlusEscaped() throws Exception {
        JsonNode object = record(events.notification(change(ObjectChange.PUT, "a/b%2Fc/d e+f(1).jpg", 1L, "e")))
                .get("s3").get("object");

        // a literal "%2F" in a key stays distinguishable from '/': its '%' is escaped
        assertThat(object.get("key").getStringValue()).isEqualTo("a/b%252Fc/d+e%2Bf%281%29.jpg");
    }

    @Test
    void delete_carriesNoSizeOrEtag_asS3Sends_it() throws Exception {
        JsonNode object = record(events.notification(change(ObjectChange.DELETE, "a.jpg", null, null)))
                .get("s3").get("object");

        assertThat(object.get("key").getStringValue()).isEqualTo("a.jpg");
        assertThat(object.get("size")).isNull();
        assertThat(object.get("eTag")).isNull();
    }

    @Test
    void theFunctionsEventReader_readsBackTheDecodedObject() {
        EventReader reader = context.getBean(EventReader.class);

        String key = "ünïcödé/фото 😀 100%.jpg";
        ObjectEvent created = reader.read(events.notification(
                change(ObjectChange.COMPLETE_MULTIPART_UPLOAD, key, 99L, "e-1"))).objects().get(0);
        ObjectEvent removed = reader.read(events.notification(
                change(ObjectChange.DELETE, "x y.jpg", null, null))).objects().get(0);

        assertThat(created.action()).isEqualTo(ObjectEvent.Action.CREATED);
        assertThat(created.object()).isEqualTo(new ObjectRef("photos", key, 99L, "e-1"));
        assertThat(removed.action()).isEqualTo(ObjectEvent.Action.REMOVED);
        assertThat(removed.object()).isEqualTo(ObjectRef.of("photos", "x y.jpg"));
    }
}
