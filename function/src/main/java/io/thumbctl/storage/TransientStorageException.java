package io.thumbctl.storage;

/** Throttling, a 5xx or a network failure that outlasted the SDK's own retries. */
public final class TransientStorageException extends StorageException {
    public TransientStorageException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
