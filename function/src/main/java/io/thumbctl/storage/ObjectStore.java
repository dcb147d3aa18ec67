package io.thumbctl.storage;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The S3 operations thumbctl needs. Every method throws only {@link StorageException}s, already
 * classified as permanent or retryable.
 */
public interface ObjectStore {

    /** HEAD: empty when the object does not exist. */
    Optional<ObjectInfo> head(String bucket, String key);

    /** GET the whole object. @throws ObjectGoneException if it does not exist */
    StoredObject get(String bucket, String key);

    void put(String bucket, String key, byte[] content, String contentType, Map<String, String> metadata);

    void delete(String bucket, String key);

    /**
     * Lists keys under {@code prefix} in S3's order (UTF-8 binary), fetching one page at a time as
     * the stream is consumed, so memory does not grow with the bucket. Close the stream when done.
     */
    default Stream<ObjectInfo> list(String bucket, String prefix) {
        return list(bucket, prefix, null);
    }

    /**
     * As {@link #list(String, String)}, starting after {@code startAfter} (S3's {@code StartAfter}):
     * lets a caller jump over a range of keys, such as the thumbnails in a source bucket, without
     * listing them.
     */
    Stream<ObjectInfo> list(String bucket, String prefix, @Nullable String startAfter);
}
