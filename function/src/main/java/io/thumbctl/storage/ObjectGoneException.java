package io.thumbctl.storage;

/** The object was deleted (or never existed) by the time we read it. Permanent: nothing to retry. */
public final class ObjectGoneException extends StorageException {
    public ObjectGoneException(String bucket, String key, Throwable cause) {
        super("gone", "s3://" + bucket + "/" + key + " no longer exists", cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
