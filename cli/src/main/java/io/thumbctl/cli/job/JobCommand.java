package io.thumbctl.cli.job;

import io.micronaut.context.annotation.Prototype;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.cli.aws.AwsClients;
import io.thumbctl.cli.aws.AwsConnector;
import io.thumbctl.cli.backfill.BackfillCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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
        showDefaultValues = true,
        exitCodeList = {ExitCodes.HELP_OK, "1:some tasks failed", ExitCodes.HELP_USAGE,
                "3:the job failed, was cancelled or waits for a confirmation; no such job; access denied"})
@Prototype // a bean, so its services are injected; a new one for each command line
public class JobCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB_ID", description = "The job's id.")
    String jobId;

    @Option(names = "--wait", description = "Follow the job to its end.")
    boolean await;

    @Option(names = "--account-id", paramLabel = "ID", description = "The account the job is in.")
    @Nullable String accountId;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "thumbctl's CloudFormation stack: the job is in the account of its BatchOperationsRoleArn.")
    @Nullable String stack;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = PollInterval.DEFAULT_SECONDS,
            converter = PollInterval.class, description = "With --wait: seconds between two looks at the job.")
    Duration pollInterval;

    @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Progress bar on stderr with --wait; auto: only when run on a terminal.")
    BackfillCommand.Progress progress;

    private final AwsConnector connector;
    private final JsonMapper json;

    public JobCommand(AwsConnector connector, JsonMapper json) {
        this.connector = connector;
        this.json = json;
    }

    @Override
    public Integer call() {
        GlobalOptions options = GlobalOptions.of(spec);
        JobPrinter printer = new JobPrinter(options.output(), spec.commandLine().getOut(), spec.commandLine().getErr(),
                json, progress.shown());
        try (AwsClients aws = connector.connect(options.connection())) {
            JobServices jobs = JobServices.over(aws, json);
            String account = jobs.accounts().resolve(accountId, stack);
            return jobs.follower().follow(account, jobId, new JobFollower.Options(await, pollInterval), printer);
        }
    }
}
