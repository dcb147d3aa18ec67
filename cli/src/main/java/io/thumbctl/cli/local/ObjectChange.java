package io.thumbctl.cli.local;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One change to an object, as S3 announces it in an event notification.
 *
 * @param eventName  S3's event name without the {@code s3:} prefix, e.g. {@code ObjectCreated:Put}
 * @param key        the object key, not encoded
 * @param size       bytes; S3 sends it for created objects only
 * @param etag       without quotes; S3 sends it for created objects only
 * @param sequence   increases with every change, so events about one key can be ordered (S3's
 *                   {@code sequencer})
 * @param time       when the change happened
 * @param nanoTime   {@link System#nanoTime()} at the change, to measure how long the thumbnail took
 */
public record ObjectChange(String eventName, String bucket, String key, @Nullable Long size, @Nullable String etag,
                           long sequence, Instant time, long nanoTime) {

    public static final String PUT = "ObjectCreated:Put";
    public static final String COPY = "ObjectCreated:Copy";
    public static final String COMPLETE_MULTIPART_UPLOAD = "ObjectCreated:CompleteMultipartUpload";
    public static final String DELETE = "ObjectRemoved:Delete";

    public boolean created() {
        return eventName.startsWith("ObjectCreated:");
    }
}
