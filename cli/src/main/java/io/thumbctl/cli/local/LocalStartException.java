package io.thumbctl.cli.local;

/**
 * Local mode could not start: the port is taken, the data directory is unusable. The message is
 * one line for the user.
 */
public final class LocalStartException extends RuntimeException {
    public LocalStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
