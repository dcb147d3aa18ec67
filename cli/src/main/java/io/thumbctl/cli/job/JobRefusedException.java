package io.thumbctl.cli.job;

import io.thumbctl.cli.CannotFinishException;
import io.thumbctl.storage.StorageErrors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * AWS (or the stack, or the bucket) refused or could not answer what a job command needs, for a
 * reason the user can act on: access denied to one action, a role that may not be passed, a
 * report bucket in another account, a stack without the expected output, an endpoint that does
 * not answer. The message is one line naming what is missing; thumbctl prints it and exits 3.
 */
public class JobRefusedException extends CannotFinishException {

    public JobRefusedException(String message) {
        super(message);
    }

    public JobRefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A call that failed for no reason the job package knows (the network, an error it did not
     * expect): what was asked, and the SDK's first line; or, when the client had no credentials or
     * no region, the same short line as for S3.
     */
    static JobRefusedException failed(String call, SdkException e) {
        return new JobRefusedException(StorageErrors.missingSetup(e).map(missing -> call + ": " + missing)
                .orElseGet(() -> call + " failed: " + AwsMessages.firstLine(e)), e);
    }
}
