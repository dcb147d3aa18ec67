package io.thumbctl.storage;

/**
 * A conditional request found the object in another state than the one it was made for
 * ({@code 412 Precondition Failed}, or {@code 409 ConditionalRequestConflict} when two conditional
 * writes to one key meet). Not a failure of ours: someone else changed the object since we looked,
 * and the caller decides again from what the object holds now. Retryable if it ever escapes.
 */
public final class PreconditionFailedException extends StorageException {
    public PreconditionFailedException(String bucket, String key, Throwable cause) {
        super("conflict", "s3://" + bucket + "/" + key + " changed while we were working on it", cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
