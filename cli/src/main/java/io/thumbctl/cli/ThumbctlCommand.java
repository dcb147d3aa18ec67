package io.thumbctl.cli;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.thumbctl.cli.local.LocalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code thumbctl}: the on-call engineer's tool for the thumbnail function. */
@Command(name = "thumbctl",
        description = "Backfill, verify and explain the thumbnails the thumbctl Lambda function makes for an S3 bucket.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {LocalCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done and all is well",
                "1:the command ran and found or left problems (missing, orphan, stale, failed objects)",
                "2:usage or configuration error",
                "3:could not finish (access denied, no such bucket, network)"})
public class ThumbctlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs thumbctl in a fresh Micronaut context and returns the exit code. */
    public static int execute(String... args) {
        try (ApplicationContext context = ApplicationContext.builder(ThumbctlCommand.class, Environment.CLI)
                .deduceEnvironment(false)
                .start()) {
            return commandLine(context).execute(args);
        }
    }

    /** The configured command line, for tests that capture its output. */
    public static CommandLine commandLine(ApplicationContext context) {
        return new CommandLine(ThumbctlCommand.class, new MicronautFactory(context));
    }

    @Override
    public Integer call() {
        // No command given: say what there is, as for any other usage error.
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
