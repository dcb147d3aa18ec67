package io.thumbctl.cli;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.thumbctl.cli.backfill.BackfillCommand;
import io.thumbctl.cli.guard.GuardCommand;
import io.thumbctl.cli.invoke.InvokeCommand;
import io.thumbctl.cli.job.JobCommand;
import io.thumbctl.cli.local.LocalCommand;
import io.thumbctl.cli.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code thumbctl}: the on-call engineer's tool for the thumbnail function. Its command attributes
 * ({@code --help}, {@code --version}, the exit code list) and its {@link GlobalOptions} are
 * inherited by every command; a command states only what is its own.
 */
@Command(name = "thumbctl",
        description = "Backfill, verify and explain the thumbnails the thumbctl Lambda function makes for an S3 bucket.",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {BackfillCommand.class, JobCommand.class, VerifyCommand.class, GuardCommand.class,
                InvokeCommand.class, LocalCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_PROBLEMS, ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE})
public class ThumbctlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Declared here once; every command inherits them, so they are set here wherever they were given. */
    @Mixin
    GlobalOptions globalOptions;

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
        return new CommandLine(ThumbctlCommand.class, new MicronautFactory(context))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler(new ErrorHandler());
    }

    public GlobalOptions globalOptions() {
        return globalOptions;
    }

    @Override
    public Integer call() {
        // No command given: say what there is, as for any other usage error.
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
