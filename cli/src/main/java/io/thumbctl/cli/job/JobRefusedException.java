package io.thumbctl.cli.job;

/**
 * AWS (or the stack, or the bucket) refused what a job command needs, for a reason the user can
 * act on: access denied to one action, a role that may not be passed, a report bucket in another
 * account, a stack without the expected output. The message is one line naming what is missing;
 * the command prints it and exits 3.
 */
public class JobRefusedException extends RuntimeException {

    public JobRefusedException(String message) {
        super(message);
    }

    public JobRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
