package io.thumbctl.event;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.thumbctl.thumbnail.ObjectRef;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * S3 events delivered by an EventBridge rule: one event per invocation, {@code Object Created}
 * makes the thumbnail, {@code Object Deleted} removes it, other S3 detail types (restore, tags,
 * ACL, storage class) are acknowledged and ignored.
 *
 * <p>The key is used as it comes: unlike S3's notifications, EventBridge's
 * {@code detail.object.key} is not URL-encoded. AWS does not document either way; docs/routes.md
 * gives the evidence for this choice.
 */
@Singleton
public class EventBridgeParser implements EventParser {

    static final String OBJECT_CREATED = "Object Created";
    static final String OBJECT_DELETED = "Object Deleted";

    private final JsonMapper json;

    public EventBridgeParser(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean accepts(JsonNode event) {
        JsonNode source = event.get("source");
        return event.get("detail-type") != null && source != null && source.isString()
                && "aws.s3".equals(source.getStringValue());
    }

    @Override
    public ParsedEvent parse(JsonNode event) {
        S3EventBridgeEvent s3 = EventReader.readAs(json, event, S3EventBridgeEvent.class, "EventBridge S3 event");
        String id = s3.id() == null ? "event" : s3.id();
        return new ParsedEvent(Route.EVENTBRIDGE, List.of(new EventItem(id, () -> objects(s3))));
    }

    private static List<ObjectEvent> objects(S3EventBridgeEvent event) {
        ObjectEvent.Action action = action(event.detailType());
        S3EventBridgeEvent.Detail detail = event.detail();
        if (detail == null || detail.bucket() == null || detail.bucket().name() == null
                || detail.object() == null || detail.object().key() == null) {
            if (action == ObjectEvent.Action.IGNORED) {
                return List.of();
            }
            throw new InvalidEventException("an EventBridge " + event.detailType()
                    + " event without detail.bucket.name or detail.object.key");
        }
        S3EventBridgeEvent.S3Object object = detail.object();
        String etag = object.etag() == null || object.etag().isEmpty() ? null : object.etag();
        ObjectRef ref = new ObjectRef(detail.bucket().name(), object.key(), object.size(), etag);
        return List.of(new ObjectEvent(action, ref, event.detailType()));
    }

    private static ObjectEvent.Action action(String detailType) {
        if (OBJECT_CREATED.equals(detailType)) {
            return ObjectEvent.Action.CREATED;
        }
        if (OBJECT_DELETED.equals(detailType)) {
            return ObjectEvent.Action.REMOVED;
        }
        return ObjectEvent.Action.IGNORED;
    }
}
