package io.thumbctl.cli;

import io.thumbctl.config.InvalidSettingsException;
import io.thumbctl.storage.StorageException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.PrintWriter;

/**
 * Turns what a command throws into one line a user can act on and an exit code: configuration
 * problems exit 2, S3 trouble (no such bucket, access denied, network) exits 3. The stack trace
 * is shown only with {@code --debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        GlobalOptions options = GlobalOptions.of(commandLine.getCommandSpec());
        int exit;
        InvalidSettingsException invalid = find(ex, InvalidSettingsException.class);
        StorageException storage = find(ex, StorageException.class);
        SdkException sdk = find(ex, SdkException.class);
        if (invalid != null) {
            err.println("thumbctl: " + invalid.getMessage());
            exit = ExitCodes.USAGE;
        } else if (storage != null) {
            err.println("thumbctl: " + firstLine(storage.getMessage()) + " [endpoint: " + options.connection().describe() + "]");
            exit = ExitCodes.UNAVAILABLE;
        } else if (sdk != null) {
            // Raised while building the client: no region or credentials could be found.
            err.println("thumbctl: " + firstLine(sdk.getMessage()) + " [endpoint: " + options.connection().describe() + "]");
            exit = ExitCodes.UNAVAILABLE;
        } else {
            err.println("thumbctl: unexpected error: " + ex + " (run again with --debug for the stack trace)");
            exit = ExitCodes.UNAVAILABLE;
        }
        if (options.debug()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exit;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
