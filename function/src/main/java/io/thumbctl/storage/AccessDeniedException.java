package io.thumbctl.storage;

/** S3 refused the call: the role or credentials lack a permission on this bucket or key. */
public final class AccessDeniedException extends StorageException {
    public AccessDeniedException(String bucket, String key, Throwable cause) {
        super("access-denied", "access denied to s3://" + bucket + "/" + key
                + " (check the role's s3:GetObject/PutObject/DeleteObject/ListBucket permissions)", cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
