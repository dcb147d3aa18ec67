package io.thumbctl.cli.job;

import io.micronaut.context.annotation.Prototype;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.cli.ThumbctlCommand;
import io.thumbctl.cli.aws.AwsConnection;
import io.thumbctl.cli.backfill.BackfillCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "job",
        header = "Status, progress and task counts of an S3 Batch Operations job.",
        description = {
                "Shows a Batch Operations job (thumbctl backfill --engine batch-operations prints its id): status, "
                        + "tasks done, succeeded and failed. Once the job has ended, the first failed tasks of its "
                        + "completion report (key and reason) and where the whole report is.",
                "With --wait, follows the job to its end with a progress bar on stderr.",
                "The job is looked for in the account of --account-id, else of the --stack's role, else the "
                        + "caller's own (STS)."},
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_OK, "1:some tasks failed", ExitCodes.HELP_USAGE,
                "3:the job failed, was cancelled or waits for a confirmation; no such job; access denied"})
@Prototype
public class JobCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ThumbctlCommand parent;

    @Mixin
    GlobalOptions options;

    @Parameters(paramLabel = "JOB_ID", description = "The job's id.")
    String jobId;

    @Option(names = "--wait", description = "Follow the job to its end.")
    boolean await;

    @Option(names = "--account-id", paramLabel = "ID", description = "The account the job is in.")
    String accountId;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "thumbctl's CloudFormation stack: the job is in the account of its BatchOperationsRoleArn.")
    String stack;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "With --wait: seconds between two looks at the job.")
    double pollSeconds;

    @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Progress bar on stderr with --wait; auto: only when run on a terminal.")
    BackfillCommand.Progress progress;

    private final AwsConnection connection;
    private final JobAccounts accounts;
    private final JobFollower follower;

    public JobCommand(AwsConnection connection, JobAccounts accounts, JobFollower follower) {
        this.connection = connection;
        this.accounts = accounts;
        this.follower = follower;
    }

    @Override
    public Integer call() {
        if (pollSeconds <= 0 || pollSeconds > 600) {
            throw new ParameterException(spec.commandLine(), "--poll-interval must be between 0 and 600 seconds");
        }
        GlobalOptions global = options.over(parent.globalOptions());
        connection.configure(global.endpointUrl(), global.region(), global.profile());
        boolean bar = progress == BackfillCommand.Progress.ALWAYS
                || (progress == BackfillCommand.Progress.AUTO && System.console() != null);
        try {
            String account = accounts.resolve(accountId, stack);
            return follower.follow(account, jobId, new JobFollower.Options(await,
                    Duration.ofMillis(Math.round(pollSeconds * 1000)), bar, global.output()),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (JobRefusedException e) {
            spec.commandLine().getErr().println("thumbctl: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.UNAVAILABLE;
        }
    }
}
