package io.thumbctl.testing;

import io.thumbctl.event.S3Keys;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** S3 notification JSON as S3 sends it (eventVersion 2.1, keys form-encoded). */
public final class S3Events {

    public record Change(String eventName, String bucket, String key, long size, String etag) {
    }

    private S3Events() {
    }

    public static Change created(String bucket, String key, long size, String etag) {
        return new Change("ObjectCreated:Put", bucket, key, size, etag);
    }

    public static Change removed(String bucket, String key) {
        return new Change("ObjectRemoved:Delete", bucket, key, 0, null);
    }

    public static byte[] event(Change... changes) {
        return event(List.of(changes));
    }

    public static byte[] event(List<Change> changes) {
        String records = changes.stream().map(S3Events::record).collect(Collectors.joining(","));
        return ("{\"Records\":[" + records + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String record(Change c) {
        String object = "\"key\":\"" + S3Keys.encode(c.key()) + "\",\"size\":" + c.size()
                + (c.etag() == null ? "" : ",\"eTag\":\"" + c.etag() + "\"") + ",\"sequencer\":\"0A1B2C3D4E5F678901\"";
        return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventTime\":\"2026-11-22T10:00:00.000Z\",\"eventName\":\"" + c.eventName() + "\","
                + "\"userIdentity\":{\"principalId\":\"EXAMPLE\"},\"requestParameters\":{\"sourceIPAddress\":\"127.0.0.1\"},"
                + "\"responseElements\":{\"x-amz-request-id\":\"0000\",\"x-amz-id-2\":\"0000\"},"
                + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"thumbnails\","
                + "\"bucket\":{\"name\":\"" + c.bucket() + "\",\"ownerIdentity\":{\"principalId\":\"EXAMPLE\"},"
                + "\"arn\":\"arn:aws:s3:::" + c.bucket() + "\"},\"object\":{" + object + "}}}";
    }
}
