package io.thumbctl.cli.aws;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS clients of one command run, all from the same {@link ConnectionSettings}: S3, and for
 * the Batch Operations commands S3 Control (the job API), CloudFormation ({@code --stack}) and
 * STS (the caller's account). Each is built on its first use, so a run builds only those it
 * calls; {@link #close} closes the ones it built.
 */
public final class AwsClients implements AutoCloseable {

    private final LazyClient<S3Client> s3;
    private final LazyClient<S3ControlClient> s3Control;
    private final LazyClient<CloudFormationClient> cloudFormation;
    private final LazyClient<StsClient> sts;

    AwsClients(LazyClient<S3Client> s3, LazyClient<S3ControlClient> s3Control,
               LazyClient<CloudFormationClient> cloudFormation, LazyClient<StsClient> sts) {
        this.s3 = s3;
        this.s3Control = s3Control;
        this.cloudFormation = cloudFormation;
        this.sts = sts;
    }

    public LazyClient<S3Client> s3() {
        return s3;
    }

    public LazyClient<S3ControlClient> s3Control() {
        return s3Control;
    }

    public LazyClient<CloudFormationClient> cloudFormation() {
        return cloudFormation;
    }

    public LazyClient<StsClient> sts() {
        return sts;
    }

    @Override
    public void close() {
        try (s3; s3Control; cloudFormation; sts) {
            // try-with-resources closes each, even when another one's close fails
        }
    }
}
