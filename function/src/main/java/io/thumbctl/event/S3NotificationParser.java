package io.thumbctl.event;

import io.micronaut.json.tree.JsonNode;
import io.thumbctl.thumbnail.ObjectRef;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * S3 event notifications ({@code Records[]}, eventVersion 2.x) as S3 sends them to Lambda
 * directly or through SNS/SQS fan-out unwrapped by the caller. Every record is read, not only
 * the first.
 */
@Singleton
public class S3NotificationParser implements EventParser {

    static final String SHAPE = "s3-notification";

    @Override
    public boolean accepts(JsonNode event) {
        JsonNode records = event.get("Records");
        return records != null && records.isArray();
    }

    @Override
    public ParsedEvent parse(JsonNode event) {
        List<ObjectEvent> objects = new ArrayList<>();
        for (JsonNode record : event.get("Records").values()) {
            String eventName = text(record, "eventName");
            JsonNode s3 = record.get("s3");
            if (s3 == null || eventName == null) {
                throw new InvalidEventException("an S3 record without eventName or s3: " + record);
            }
            String bucket = text(s3.get("bucket"), "name");
            JsonNode object = s3.get("object");
            String key = text(object, "key");
            if (bucket == null || key == null) {
                throw new InvalidEventException("an S3 record without s3.bucket.name or s3.object.key");
            }
            JsonNode size = object.get("size");
            Long bytes = size != null && size.isNumber() ? size.getLongValue() : null;
            String etag = text(object, "eTag");
            ObjectRef ref;
            try {
                ref = new ObjectRef(bucket, S3Keys.decode(key), bytes, etag == null || etag.isEmpty() ? null : etag);
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("object key is not URL-encoded as S3 sends it: " + key);
            }
            objects.add(new ObjectEvent(action(eventName), ref, eventName));
        }
        return new ParsedEvent(SHAPE, List.copyOf(objects));
    }

    private static ObjectEvent.Action action(String eventName) {
        // eventName has no "s3:" prefix in notifications ("ObjectCreated:Put"); tolerate it anyway
        String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
        if (name.startsWith("ObjectCreated:")) {
            return ObjectEvent.Action.CREATED;
        }
        if (name.startsWith("ObjectRemoved:")) {
            return ObjectEvent.Action.REMOVED;
        }
        return ObjectEvent.Action.IGNORED;
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
