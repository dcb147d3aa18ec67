package io.thumbctl.cli.job;

import jakarta.inject.Provider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.GeneratedManifestFormat;
import software.amazon.awssdk.services.s3control.model.IdempotencyException;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

import java.util.Locale;

/** Creates the Batch Operations job of a {@link JobDefinition} through S3 Control's CreateJob. */
public class JobSubmission {

    /** Schema 2.0: the bucket by name, and the function's answer format that thumbctl's function speaks. */
    static final String INVOCATION_SCHEMA = "2.0";

    private final Provider<S3ControlClient> s3Control;

    public JobSubmission(Provider<S3ControlClient> s3Control) {
        this.s3Control = s3Control;
    }

    /**
     * @return the job id (the one S3 created for this token earlier, if it did)
     * @throws JobRefusedException when S3 refuses: CreateJob or iam:PassRole denied, a token used
     *                             for another request, a request S3 finds invalid, no answer
     */
    public String create(JobDefinition job, String token) {
        try {
            return s3Control.get().createJob(request(job, token)).jobId();
        } catch (IdempotencyException e) {
            throw new JobRefusedException("S3 already has a different job request with client request token " + token
                    + " (" + AwsMessages.of(e) + ")", e);
        } catch (S3ControlException e) {
            throw refusal(e, job);
        } catch (SdkException e) {
            throw JobRefusedException.failed("S3 Control CreateJob", e);
        }
    }

    static CreateJobRequest request(JobDefinition job, String token) {
        CreateJobRequest.Builder request = CreateJobRequest.builder()
                .accountId(job.account())
                .clientRequestToken(token)
                .confirmationRequired(false)
                .description(job.description())
                .priority(job.priority())
                .roleArn(job.roleArn())
                .operation(op -> op.lambdaInvoke(lambda -> lambda
                        .functionArn(job.functionArn())
                        .invocationSchemaVersion(INVOCATION_SCHEMA)))
                .report(report -> report
                        .enabled(true)
                        .bucket(job.report().bucketArn(job.partition()))
                        .prefix(job.report().prefix().isEmpty() ? null : job.report().prefix())
                        .format(JobReportFormat.REPORT_CSV_20180820)
                        .reportScope(job.reportScope().aws()));
        if (job.manifest() != null) {
            JobDefinition.ManifestObject manifest = job.manifest();
            request.manifest(m -> m
                    .spec(spec -> spec.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820)
                            .fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY))
                    .location(location -> location
                            .objectArn("arn:" + job.partition() + ":s3:::" + manifest.bucket() + "/" + manifest.key())
                            .eTag(manifest.etag())));
        } else {
            request.manifestGenerator(g -> g.s3JobManifestGenerator(generator -> {
                generator.sourceBucket("arn:" + job.partition() + ":s3:::" + job.sourceBucket())
                        .expectedBucketOwner(job.account())
                        .enableManifestOutput(true)
                        .manifestOutputLocation(output -> output
                                .bucket(job.manifests().bucketArn(job.partition()))
                                .manifestPrefix(job.manifests().prefix().isEmpty() ? null : job.manifests().prefix())
                                .manifestFormat(GeneratedManifestFormat.S3_INVENTORY_REPORT_CSV_20211130)
                                .expectedManifestBucketOwner(job.account()));
                if (!job.prefix().isEmpty()) {
                    generator.filter(f -> f.keyNameConstraint(k -> k.matchAnyPrefix(job.prefix())));
                }
            }));
        }
        return request.build();
    }

    /**
     * The one line a refused CreateJob deserves. IAM's messages name the action that was denied
     * ("... is not authorized to perform: iam:PassRole on resource: ..."); that decides which
     * permission the line asks for.
     */
    static JobRefusedException refusal(S3ControlException e, JobDefinition job) {
        String message = AwsMessages.of(e);
        String lower = message.toLowerCase(Locale.ROOT);
        if (e.statusCode() == 403 || "AccessDenied".equals(AwsMessages.code(e))) {
            if (lower.contains("iam:passrole")) {
                return new JobRefusedException("iam:PassRole denied: you may not hand role " + job.roleArn()
                        + " to S3 Batch Operations; grant iam:PassRole on it (" + message + ")", e);
            }
            if (lower.contains("owner")) {
                return new JobRefusedException("report bucket " + job.report().bucket() + " is not owned by account "
                        + job.account() + " (" + message + ")", e);
            }
            return new JobRefusedException("s3:CreateJob denied in account " + job.account()
                    + "; grant s3:CreateJob to whoever runs thumbctl (" + message + ")", e);
        }
        return new JobRefusedException("S3 refused the job (" + AwsMessages.code(e) + ", HTTP " + e.statusCode()
                + "): " + message, e);
    }
}
