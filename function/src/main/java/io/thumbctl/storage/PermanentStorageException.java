package io.thumbctl.storage;

/** Any other 4xx: the request itself is wrong for this object, and sending it again will not help. */
public final class PermanentStorageException extends StorageException {
    public PermanentStorageException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
