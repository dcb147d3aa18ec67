package io.thumbctl.cli.local.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.thumbctl.cli.local.jobs.JobModel.CreateJobResult;
import io.thumbctl.cli.local.jobs.JobModel.DescribeJobResult;
import io.thumbctl.cli.local.jobs.JobModel.Entry;
import io.thumbctl.cli.local.jobs.JobModel.ErrorResponse;
import io.thumbctl.cli.local.jobs.JobModel.JobDescriptor;
import io.thumbctl.cli.local.jobs.JobModel.JobFailure;
import io.thumbctl.cli.local.jobs.JobModel.JobListDescriptor;
import io.thumbctl.cli.local.jobs.JobModel.ListJobsResult;
import io.thumbctl.cli.local.jobs.JobModel.ProgressSummary;
import io.thumbctl.cli.local.jobs.S3ControlXml.Members;

import java.time.Instant;
import java.util.List;

/**
 * The local job API's answers in S3 Control's wire format ({@link S3ControlXml}):
 * CreateJobResult, DescribeJobResult, ListJobsResult and the error document, from a job's
 * {@link LocalJob.View}.
 */
final class JobXml {

    private JobXml() {
    }

    static byte[] created(String jobId) {
        return write(new CreateJobResult(jobId));
    }

    static byte[] described(LocalJob.View job, String region) {
        return write(new DescribeJobResult(descriptor(job, region)));
    }

    static byte[] listed(List<LocalJob.View> jobs, String nextToken) {
        return write(new ListJobsResult(nextToken, Members.of(jobs.stream().map(job -> new JobListDescriptor(
                job.id(), job.spec().description(), "LambdaInvoke", Integer.toString(job.spec().priority()),
                job.status().word, timestamp(job.created()), timestamp(job.terminated()), progress(job))).toList())));
    }

    /**
     * S3 Control wraps its errors (unlike S3): {@code <ErrorResponse><Error><Code>...}, which is
     * where the SDK's XML protocol looks for the code that picks the exception class.
     */
    static byte[] error(String code, String message, String requestId) {
        return write(new ErrorResponse(new JobModel.Error(code, message), requestId, "thumbctl-local"));
    }

    private static JobDescriptor descriptor(LocalJob.View job, String region) {
        JobSpec spec = job.spec();
        return new JobDescriptor(job.id(), Boolean.toString(spec.confirmationRequired()), spec.description(),
                "arn:aws:s3:" + region + ":" + spec.account() + ":job/" + job.id(), job.status().word,
                JobSpecXml.manifest(spec.manifest()),
                new JobModel.Operation(new JobModel.LambdaInvoke(spec.functionArn(), spec.invocationSchemaVersion(),
                        spec.userArguments().isEmpty() ? null : new JobModel.UserArguments(spec.userArguments()
                                .entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList()))),
                Integer.toString(spec.priority()), progress(job),
                job.failures().isEmpty() ? null : Members.of(job.failures().stream()
                        .map(f -> new JobFailure(f.code(), f.reason())).toList()),
                JobSpecXml.report(spec.report()), timestamp(job.created()), timestamp(job.terminated()),
                spec.roleArn(),
                job.status() == LocalJob.Status.SUSPENDED
                        ? "the job waits for a confirmation, which thumbctl local cannot give" : null,
                JobSpecXml.generator(spec.generator()));
    }

    private static ProgressSummary progress(LocalJob.View job) {
        return new ProgressSummary(job.total(), job.succeeded(), job.failed(),
                job.activeSeconds() == null ? null : new JobModel.Timers(job.activeSeconds()));
    }

    private static byte[] write(Object document) {
        try {
            return S3ControlXml.MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
        }
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
