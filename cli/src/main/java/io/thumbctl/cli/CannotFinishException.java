package io.thumbctl.cli;

/**
 * A command could not finish, for a reason its message states in one line a user can act on
 * (a permission to grant, a stack to update, an endpoint to check). The {@link ErrorHandler}
 * prints {@code thumbctl: MESSAGE} and exits 3; nothing is added to the message.
 */
public class CannotFinishException extends RuntimeException {

    public CannotFinishException(String message) {
        super(message);
    }

    public CannotFinishException(String message, Throwable cause) {
        super(message, cause);
    }
}
