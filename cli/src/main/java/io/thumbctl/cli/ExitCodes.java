package io.thumbctl.cli;

/** thumbctl's exit codes (DESIGN.md). */
public final class ExitCodes {
    /** Done and all is well. */
    public static final int OK = 0;
    /** The command ran and found or left problems. */
    public static final int PROBLEMS = 1;
    /** Usage or configuration error. */
    public static final int USAGE = 2;
    /** Could not finish: access denied, no such bucket, network. */
    public static final int UNAVAILABLE = 3;

    // The lines of every command's "Exit codes:" help section.
    public static final String HELP_OK = "0:done and all is well";
    public static final String HELP_PROBLEMS =
            "1:the command ran and found or left problems (missing, orphan, stale, failed objects)";
    public static final String HELP_USAGE = "2:usage or configuration error";
    public static final String HELP_UNAVAILABLE = "3:could not finish (access denied, no such bucket, network)";

    private ExitCodes() {
    }
}
