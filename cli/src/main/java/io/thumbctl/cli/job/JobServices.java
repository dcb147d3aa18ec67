package io.thumbctl.cli.job;

import io.micronaut.json.JsonMapper;
import io.thumbctl.cli.aws.AwsClients;

/**
 * The Batch Operations services of one command run, over that run's AWS clients: S3 Control for
 * the job API, CloudFormation for {@code --stack}, STS for the caller's account, S3 for reports.
 */
record JobServices(StackOutputs stacks, JobAccounts accounts, JobSubmission submission, JobFollower follower) {

    static JobServices over(AwsClients aws, JsonMapper json) {
        StackOutputs stacks = new StackOutputs(aws.cloudFormation());
        return new JobServices(stacks, new JobAccounts(stacks, aws.sts()), new JobSubmission(aws.s3Control()),
                new JobFollower(new JobWatcher(aws.s3Control()), new CompletionReports(aws.s3(), json)));
    }
}
