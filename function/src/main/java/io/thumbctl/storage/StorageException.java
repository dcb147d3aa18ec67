package io.thumbctl.storage;

/**
 * A failed S3 call, classified once, here at the edge, so that callers switch on the type or on
 * {@link #retryable()} and never parse messages.
 */
public abstract sealed class StorageException extends RuntimeException
        permits ObjectGoneException, ObjectTooLargeException, BucketNotFoundException, AccessDeniedException, TransientStorageException,
        PermanentStorageException, PreconditionFailedException {

    private final String reason;

    protected StorageException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** A short word for logs and summaries: {@code gone}, {@code throttled}, {@code access-denied}, ... */
    public String reason() {
        return reason;
    }

    /**
     * Whether trying again later can succeed. Missing buckets and denied access count as
     * retryable: they are fixed by changing configuration, and events must survive until then.
     */
    public abstract boolean retryable();
}
