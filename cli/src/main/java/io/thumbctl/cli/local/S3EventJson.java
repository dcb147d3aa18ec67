package io.thumbctl.cli.local;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.thumbctl.event.S3Keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the event notification S3 sends to Lambda for one {@link ObjectChange}: one record,
 * eventVersion 2.1, the key form-encoded as S3 encodes it ({@code /} kept), size and ETag for
 * created objects only.
 */
final class S3EventJson {

    static final String REGION = "us-east-1";
    static final String PRINCIPAL = "thumbctl-local";
    static final String CONFIGURATION_ID = "thumbctl-local";

    // S3 writes eventTime with milliseconds: 2026-11-22T10:00:00.000Z
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonMapper json;

    S3EventJson(JsonMapper json) {
        this.json = json;
    }

    byte[] notification(ObjectChange change) {
        Map<String, JsonNode> object = new LinkedHashMap<>();
        object.put("key", text(key(change.key())));
        if (change.size() != null) {
            object.put("size", JsonNode.createNumberNode(change.size()));
        }
        if (change.etag() != null) {
            object.put("eTag", text(change.etag()));
        }
        object.put("sequencer", text(String.format("%016X", change.sequence())));

        Map<String, JsonNode> bucket = new LinkedHashMap<>();
        bucket.put("name", text(change.bucket()));
        bucket.put("ownerIdentity", principal());
        bucket.put("arn", text("arn:aws:s3:::" + change.bucket()));

        Map<String, JsonNode> s3 = new LinkedHashMap<>();
        s3.put("s3SchemaVersion", text("1.0"));
        s3.put("configurationId", text(CONFIGURATION_ID));
        s3.put("bucket", JsonNode.createObjectNode(bucket));
        s3.put("object", JsonNode.createObjectNode(object));

        String requestId = String.format("%016X", change.sequence());
        Map<String, JsonNode> record = new LinkedHashMap<>();
        record.put("eventVersion", text("2.1"));
        record.put("eventSource", text("aws:s3"));
        record.put("awsRegion", text(REGION));
        record.put("eventTime", text(EVENT_TIME.format(change.time())));
        record.put("eventName", text(change.eventName()));
        record.put("userIdentity", principal());
        record.put("requestParameters", JsonNode.createObjectNode(Map.of("sourceIPAddress", text("127.0.0.1"))));
        record.put("responseElements", JsonNode.createObjectNode(Map.of(
                "x-amz-request-id", text(requestId), "x-amz-id-2", text(requestId))));
        record.put("s3", JsonNode.createObjectNode(s3));

        JsonNode event = JsonNode.createObjectNode(Map.of("Records",
                JsonNode.createArrayNode(List.of(JsonNode.createObjectNode(record)))));
        try {
            return json.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the S3 event for " + change, e);
        }
    }

    /**
     * The key as S3 writes it into a notification: form-encoded (space as {@code +}, UTF-8 bytes
     * as {@code %XX}) with {@code /} left as it is, as in {@code "key": "photos/My+Photo.jpg"}.
     * The form encoder turns only a {@code /} into {@code %2F} (a {@code %} of the key becomes
     * {@code %25}), so putting the slashes back is exact.
     */
    static String key(String key) {
        return S3Keys.encode(key).replace("%2F", "/");
    }

    private static JsonNode principal() {
        return JsonNode.createObjectNode(Map.of("principalId", text(PRINCIPAL)));
    }

    private static JsonNode text(String value) {
        return JsonNode.createStringNode(value);
    }
}
