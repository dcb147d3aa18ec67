package io.thumbctl.storage;

/**
 * The object is larger than the caller would read ({@code thumbnail.max-source-bytes}, at most
 * what a Java array holds). Permanent: the same object stays that large.
 */
public final class ObjectTooLargeException extends StorageException {
    public ObjectTooLargeException(String bucket, String key, String size, long maxBytes) {
        super("too-large", "s3://" + bucket + "/" + key + " has " + size + " bytes, more than the " + maxBytes
                + " that are read", null);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
