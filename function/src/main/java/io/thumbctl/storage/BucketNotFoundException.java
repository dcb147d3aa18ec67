package io.thumbctl.storage;

/** The bucket does not exist (or is in another account or partition). */
public final class BucketNotFoundException extends StorageException {
    public BucketNotFoundException(String bucket, Throwable cause) {
        super("no-such-bucket", "bucket '" + bucket + "' does not exist", cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
