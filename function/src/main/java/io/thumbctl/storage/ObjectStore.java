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

    /** The largest object read whole: the largest array the JVM allocates. */
    long MAX_OBJECT_BYTES = Integer.MAX_VALUE - 8;

    /** HEAD: empty when the object does not exist. */
    Optional<ObjectInfo> head(String bucket, String key);

    /**
     * GET the whole object.
     *
     * @param ifMatch when not {@code null}, the ETag the object must still have ({@code If-Match})
     * @throws ObjectGoneException         if it does not exist
     * @throws PreconditionFailedException if it no longer has the ETag {@code ifMatch}
     */
    default StoredObject get(String bucket, String key, @Nullable String ifMatch) {
        return get(bucket, key, ifMatch, MAX_OBJECT_BYTES);
    }

    /**
     * GET the whole object, if it has at most {@code maxBytes}: a larger one is not read (when its
     * length is announced), or read no further than {@code maxBytes + 1} bytes (when it is not).
     *
     * @param maxBytes at most {@link #MAX_OBJECT_BYTES}
     * @throws ObjectTooLargeException     if it has more than {@code maxBytes}
     * @throws ObjectGoneException         if it does not exist
     * @throws PreconditionFailedException if it no longer has the ETag {@code ifMatch}
     */
    StoredObject get(String bucket, String key, @Nullable String ifMatch, long maxBytes);

    /**
     * GET bytes {@code first} to {@code lastInclusive} of the object (fewer where it ends sooner),
     * with the whole object's size and ETag. A server that ignores the range answers with the
     * whole object, which comes back as a range from 0 that {@link StoredRange#reachesEnd()}.
     *
     * @param first   below the object's size (S3 refuses a range that starts past the end)
     * @param ifMatch when not {@code null}, the ETag the object must still have ({@code If-Match}):
     *                every range of one reading must come from the same object
     * @throws ObjectGoneException         if it does not exist
     * @throws PreconditionFailedException if it no longer has the ETag {@code ifMatch}
     */
    StoredRange getRange(String bucket, String key, long first, long lastInclusive, @Nullable String ifMatch);

    /**
     * Reads the rest of an object, bytes {@code from} to {@code whole.length - 1}, into the end of
     * {@code whole} (which holds the first {@code from} bytes and is as long as the object), with one
     * ranged GET. A large source is then in memory once: not as a prefix, a rest and their
     * concatenation at the same time.
     *
     * @param ifMatch the ETag the first bytes were read from; the rest must come from the same object
     * @throws PreconditionFailedException if the object changed since (its ETag or its size)
     */
    default void readRestInto(String bucket, String key, byte[] whole, int from, String ifMatch) {
        StoredRange rest = getRange(bucket, key, from, whole.length - 1L, ifMatch);
        if (rest.info().size() != whole.length || rest.first() + rest.content().length != whole.length) {
            throw new PreconditionFailedException(bucket, key, null);
        }
        System.arraycopy(rest.content(), 0, whole, (int) rest.first(), rest.content().length);
    }

    /**
     * PUT, only if the key is still in the state {@code condition} describes.
     *
     * @throws PreconditionFailedException if it is not (someone else wrote or deleted it meanwhile)
     */
    void put(String bucket, String key, byte[] content, String contentType, Map<String, String> metadata,
             WriteCondition condition);

    /**
     * DELETE, only if the key still holds the object with ETag {@code ifMatch} (S3's conditional
     * delete; a server that does not support it deletes unconditionally).
     *
     * @throws PreconditionFailedException if the key holds another object now
     */
    void delete(String bucket, String key, String ifMatch);

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
