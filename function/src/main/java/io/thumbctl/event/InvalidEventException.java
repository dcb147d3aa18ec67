package io.thumbctl.event;

/** The invocation's payload is not an event shape we understand; the invocation fails with this. */
public final class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
