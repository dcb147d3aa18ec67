package io.thumbctl.cli;

import io.thumbctl.config.InvalidSettingsException;
import io.thumbctl.storage.StorageException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * Turns what a command throws into one line a user can act on and an exit code: configuration
 * problems exit 2; S3 trouble (no such bucket, access denied, network, no region or credentials
 * to be found), already classified by the storage package as a {@link StorageException}, exits 3,
 * as does a {@link CannotFinishException}, whose message is already the line to print.
 * The stack trace is shown only with {@code --debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        GlobalOptions options = GlobalOptions.of(commandLine.getCommandSpec());
        int exit = report(ex, options, err);
        if (options.debug()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exit;
    }

    private static int report(Exception ex, GlobalOptions options, PrintWriter err) {
        InvalidSettingsException invalid = find(ex, InvalidSettingsException.class);
        if (invalid != null) {
            err.println("thumbctl: " + invalid.getMessage());
            return ExitCodes.USAGE;
        }
        CannotFinishException cannotFinish = find(ex, CannotFinishException.class);
        if (cannotFinish != null) {
            err.println("thumbctl: " + cannotFinish.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        StorageException storage = find(ex, StorageException.class);
        if (storage != null) {
            err.println("thumbctl: " + firstLine(storage.getMessage())
                    + " [endpoint: " + options.connection().describe() + "]");
            return ExitCodes.UNAVAILABLE;
        }
        err.println("thumbctl: unexpected error: " + firstLine(ex.toString())
                + " (run again with --debug for the stack trace)");
        return ExitCodes.UNAVAILABLE;
    }

    // Micronaut wraps what a bean's construction throws; the configuration problem is inside.
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
