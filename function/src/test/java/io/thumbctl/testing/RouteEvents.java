package io.thumbctl.testing;

import io.micronaut.serde.ObjectMapper;
import io.thumbctl.event.S3Keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON each route delivers to the function, around S3 notifications built by
 * {@link S3Events}: an SNS event, an SQS batch (a notification, an SNS envelope or anything else
 * as body), an EventBridge S3 event, a Batch Operations task event (schema 1.0 and 2.0). Field
 * names and spellings follow AWS's documented examples (events/*.json hold those verbatim).
 */
public final class RouteEvents {

    /** An SQS message: its id and body. */
    public record Message(String id, String body) {
    }

    /** A Batch Operations task over a decoded key; the event carries it URL-encoded. */
    public record Task(String taskId, String bucket, String key) {
    }

    private RouteEvents() {
    }

    /** An SNS event with one record per message (an S3 notification or test event JSON). */
    public static byte[] sns(byte[]... messages) {
        List<Object> records = new ArrayList<>();
        int n = 0;
        for (byte[] message : messages) {
            n++;
            Map<String, Object> sns = new LinkedHashMap<>();
            sns.put("SignatureVersion", "1");
            sns.put("Timestamp", "2026-11-22T10:00:00.000Z");
            sns.put("Signature", "EXAMPLE");
            sns.put("SigningCertUrl", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000.pem");
            sns.put("MessageId", "95df01b4-ee98-5cb9-9903-4c221d41eb5" + n);
            sns.put("Message", text(message));
            sns.put("MessageAttributes", Map.of());
            sns.put("Type", "Notification");
            sns.put("UnsubscribeUrl", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe");
            sns.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:uploads");
            sns.put("Subject", "Amazon S3 Notification");
            records.add(Map.of("EventVersion", "1.0", "EventSource", "aws:sns",
                    "EventSubscriptionArn", "arn:aws:sns:us-east-1:123456789012:uploads:21be56ed", "Sns", sns));
        }
        return json(Map.of("Records", records));
    }

    /** The body SNS delivers to an SQS queue (raw message delivery off) around a message. */
    public static String snsEnvelope(byte[] message) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", "e6f3c5a6-6e1f-5a4b-8d3c-7f4b8f0c2d1a");
        envelope.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:uploads");
        envelope.put("Subject", "Amazon S3 Notification");
        envelope.put("Message", text(message));
        envelope.put("Timestamp", "2026-11-22T10:00:00.000Z");
        envelope.put("SignatureVersion", "1");
        envelope.put("Signature", "EXAMPLE");
        envelope.put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000.pem");
        envelope.put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe");
        return text(json(envelope));
    }

    public static Message message(String id, byte[] body) {
        return new Message(id, text(body));
    }

    /** An SQS event from a standard queue. */
    public static byte[] sqs(Message... messages) {
        List<Object> records = new ArrayList<>();
        for (Message m : messages) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", m.id());
            record.put("receiptHandle", "AQEB-" + m.id());
            record.put("body", m.body());
            record.put("attributes", Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1795341600000",
                    "SenderId", "AIDAJHIPRHEMV73VRJEBU", "ApproximateFirstReceiveTimestamp", "1795341600001"));
            record.put("messageAttributes", Map.of());
            record.put("md5OfBody", "00000000000000000000000000000000");
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:uploads");
            record.put("awsRegion", "us-east-1");
            records.add(record);
        }
        return json(Map.of("Records", records));
    }

    /**
     * An EventBridge S3 event. The key goes in as it is: EventBridge does not URL-encode it.
     *
     * @param size null for {@code Object Deleted}, which has none
     */
    public static byte[] eventBridge(String detailType, String bucket, String key, Long size, String etag) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", key);
        if (size != null) {
            object.put("size", size);
        }
        if (etag != null) {
            object.put("etag", etag);
        }
        object.put("sequencer", "617f08299329d189");
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", "0");
        detail.put("bucket", Map.of("name", bucket));
        detail.put("object", object);
        detail.put("request-id", "N4N7GDK58NMKJ12R");
        detail.put("requester", "123456789012");
        detail.put("source-ip-address", "1.2.3.4");
        detail.put("reason", "Object Deleted".equals(detailType) ? "DeleteObject" : "PutObject");
        if ("Object Deleted".equals(detailType)) {
            detail.put("deletion-type", "Permanently Deleted");
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", "17793124-05d4-b198-2fde-7ededc63b103");
        event.put("detail-type", detailType);
        event.put("source", "aws.s3");
        event.put("account", "123456789012");
        event.put("time", "2026-11-22T10:00:00Z");
        event.put("region", "us-east-1");
        event.put("resources", List.of("arn:aws:s3:::" + bucket));
        event.put("detail", detail);
        return json(event);
    }

    /** A schema 1.0 task event: buckets as {@code arn:aws:s3:::bucket}. */
    public static byte[] batch1(String invocationId, Task... tasks) {
        List<Object> list = new ArrayList<>();
        for (Task t : tasks) {
            list.add(Map.of("taskId", t.taskId(), "s3Key", S3Keys.encode(t.key()), "s3VersionId", "1",
                    "s3BucketArn", "arn:aws:s3:::" + t.bucket()));
        }
        return json(Map.of("invocationSchemaVersion", "1.0", "invocationId", invocationId,
                "job", Map.of("id", "f3cc4f60-61f6-4a2b-8a21-d07600c373ce"), "tasks", list));
    }

    /** A schema 2.0 task event: {@code s3Bucket}, {@code userArguments}, a null version id. */
    public static byte[] batch2(String invocationId, Task... tasks) {
        List<Object> list = new ArrayList<>();
        for (Task t : tasks) {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("taskId", t.taskId());
            task.put("s3Key", S3Keys.encode(t.key()));
            task.put("s3VersionId", null);
            task.put("s3Bucket", t.bucket());
            list.add(task);
        }
        return json(Map.of("invocationSchemaVersion", "2.0", "invocationId", invocationId,
                "job", Map.of("id", "ry77cd60-61f6-4a2b-8a21-d07600c874gf", "userArguments", Map.of("origin", "test")),
                "tasks", list));
    }

    private static byte[] json(Object document) {
        try {
            return ObjectMapper.getDefault().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
