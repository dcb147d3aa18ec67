package io.thumbctl.event;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.thumbctl.thumbnail.ObjectRef;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * S3 event notifications ({@code Records[].s3}, eventVersion 2.x), read as {@link S3Notification}.
 * Every record is read, not only the first. Also reads the notifications SNS and SQS carry in
 * their messages.
 */
@Singleton
public class S3NotificationParser implements EventParser {

    private final JsonMapper json;

    public S3NotificationParser(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean accepts(JsonNode event) {
        JsonNode records = event.get("Records");
        if (records == null || !records.isArray()) {
            return false;
        }
        // An empty Records array has nothing to do whatever its route: answer it as a notification.
        return records.size() == 0 || records.get(0).get("s3") != null;
    }

    @Override
    public ParsedEvent parse(JsonNode event) {
        List<S3Notification.Record> records = read(event).records();
        List<EventItem> items = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            S3Notification.Record record = records.get(i);
            items.add(new EventItem("Records[" + i + "]", () -> List.of(objectEvent(record))));
        }
        return new ParsedEvent(Route.S3, List.copyOf(items));
    }

    /** The object changes of a notification carried in a message (SNS, SQS). */
    List<ObjectEvent> objects(JsonNode notification) {
        return read(notification).records().stream().map(S3NotificationParser::objectEvent).toList();
    }

    private S3Notification read(JsonNode tree) {
        S3Notification notification = EventReader.readAs(json, tree, S3Notification.class, "S3 notification");
        if (notification.records() == null) {
            throw new InvalidEventException("an S3 notification without Records");
        }
        return notification;
    }

    private static ObjectEvent objectEvent(S3Notification.Record record) {
        if (record == null || record.eventName() == null || record.s3() == null
                || record.s3().bucket() == null || record.s3().object() == null) {
            throw new InvalidEventException("an S3 record without eventName, s3.bucket or s3.object");
        }
        String bucket = record.s3().bucket().name();
        S3Notification.S3Object object = record.s3().object();
        if (bucket == null || object.key() == null) {
            throw new InvalidEventException("an S3 record without s3.bucket.name or s3.object.key");
        }
        String key;
        try {
            key = S3Keys.decode(object.key());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("object key is not URL-encoded as S3 sends it: " + object.key());
        }
        String etag = object.eTag() == null || object.eTag().isEmpty() ? null : object.eTag();
        ObjectRef ref = new ObjectRef(bucket, key, object.size(), etag);
        return new ObjectEvent(ObjectEvent.actionOf(record.eventName()), ref, record.eventName());
    }
}
