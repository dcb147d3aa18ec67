package io.thumbctl.thumbnail;

import io.micronaut.core.annotation.Nullable;

/**
 * A source object as an event or a listing names it. Key already decoded.
 *
 * @param size bytes, when the caller knows it
 * @param etag without quotes, when the caller knows it
 */
public record ObjectRef(String bucket, String key, @Nullable Long size, @Nullable String etag) {

    public static ObjectRef of(String bucket, String key) {
        return new ObjectRef(bucket, key, null, null);
    }
}
