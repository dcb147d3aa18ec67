package io.thumbctl.cli.job;

import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobFailure;
import software.amazon.awssdk.services.s3control.model.JobProgressSummary;
import software.amazon.awssdk.services.s3control.model.JobReport;

import java.util.List;
import java.util.Set;

/**
 * One look at a Batch Operations job (DescribeJob): its status and task counts.
 *
 * @param total          tasks in the job; 0 until S3 has read the manifest
 * @param elapsedSeconds time spent Active, as S3 counts it; {@code null} before
 * @param failureReasons why the job itself failed ({@code FailureCode: FailureReason})
 * @param report         where the completion report goes; {@code null} without one
 */
public record JobProgress(String jobId, String status, long total, long succeeded, long failed,
                          @Nullable Long elapsedSeconds, List<String> failureReasons, @Nullable S3Location report) {

    /** Statuses a job does not leave. */
    static final Set<String> FINAL = Set.of("Complete", "Failed", "Cancelled");
    /** A job that failed or was cancelled (or is on its way there) did not do its work. */
    static final Set<String> ABORTED = Set.of("Failed", "Failing", "Cancelled", "Cancelling");
    /** Waits for someone to confirm it in the console: it will not move by itself. */
    static final String SUSPENDED = "Suspended";

    public static JobProgress of(JobDescriptor job) {
        JobProgressSummary p = job.progressSummary();
        long total = p == null || p.totalNumberOfTasks() == null ? 0 : p.totalNumberOfTasks();
        long succeeded = p == null || p.numberOfTasksSucceeded() == null ? 0 : p.numberOfTasksSucceeded();
        long failed = p == null || p.numberOfTasksFailed() == null ? 0 : p.numberOfTasksFailed();
        Long elapsed = p == null || p.timers() == null ? null : p.timers().elapsedTimeInActiveSeconds();
        List<String> reasons = job.failureReasons().stream().map(JobProgress::reason).toList();
        return new JobProgress(job.jobId(), job.statusAsString(), total, succeeded, failed, elapsed, reasons,
                reportLocation(job.report()));
    }

    public long done() {
        return succeeded + failed;
    }

    public boolean isFinal() {
        return FINAL.contains(status);
    }

    public boolean aborted() {
        return ABORTED.contains(status);
    }

    public boolean suspended() {
        return SUSPENDED.equals(status);
    }

    private static String reason(JobFailure failure) {
        return (failure.failureCode() == null ? "" : failure.failureCode() + ": ")
                + (failure.failureReason() == null ? "" : failure.failureReason());
    }

    private static S3Location reportLocation(JobReport report) {
        if (report == null || !Boolean.TRUE.equals(report.enabled()) || report.bucket() == null) {
            return null;
        }
        String bucketArn = report.bucket();
        String bucket = bucketArn.substring(bucketArn.lastIndexOf(':') + 1);
        return new S3Location(bucket, report.prefix());
    }
}
