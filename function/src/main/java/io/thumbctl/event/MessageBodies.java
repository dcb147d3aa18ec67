package io.thumbctl.event;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;

/**
 * Reads the S3 event a message carries: an SNS record's {@code Message} or an SQS message's
 * {@code body}. Both may hold an S3 notification or an {@code s3:TestEvent}; an SQS body may
 * also be an SNS notification envelope around one of them (S3 -> SNS -> SQS fan-out).
 */
@Singleton
public class MessageBodies {

    private final JsonMapper json;
    private final S3NotificationParser notifications;

    public MessageBodies(JsonMapper json, S3NotificationParser notifications) {
        this.json = json;
        this.notifications = notifications;
    }

    /** An SNS record's {@code Message}. */
    public List<ObjectEvent> snsMessage(String message) {
        return read(message, false);
    }

    /** An SQS message's {@code body}. */
    public List<ObjectEvent> sqsBody(String body) {
        return read(body, true);
    }

    private List<ObjectEvent> read(String text, boolean envelopeAllowed) {
        if (text == null) {
            throw new InvalidEventException("the message has no body");
        }
        JsonNode tree;
        try {
            tree = json.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new InvalidEventException("the message is not JSON: " + abbreviate(text), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("the message is not a JSON object: " + abbreviate(text));
        }
        if (tree.get("Records") != null) {
            return notifications.objects(tree);
        }
        if (S3TestEventParser.isTestEvent(tree)) {
            return List.of();
        }
        if (envelopeAllowed && SnsMessage.isEnvelope(tree)) {
            SnsMessage envelope = envelope(tree);
            return read(envelope.message(), false);
        }
        throw new InvalidEventException("the message is not an S3 event: expected an S3 notification (Records[].s3), "
                + "an s3:TestEvent" + (envelopeAllowed ? " or an SNS notification (Type, Message) around one" : "")
                + "; its fields were " + EventReader.fieldNames(tree));
    }

    private SnsMessage envelope(JsonNode tree) {
        return EventReader.readAs(json, tree, SnsMessage.class, "SNS notification");
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
