package io.thumbctl.cli.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.thumbctl.cli.ExitCodes;

import java.util.List;

/**
 * What {@code backfill --engine batch-operations} and {@code thumbctl job} print at the end: with
 * {@code --output json} this one document ({@code jobId}, {@code status}, {@code tasks} are the
 * contract; the rest helps), else its text form ({@link JobPrinter}).
 *
 * @param report       the completion report's manifest.json, once the job is final
 * @param failures     the report's first failed tasks
 * @param reportProblem why the report could not be read
 * @param failureReasons why the job itself failed
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobSummary(String jobId, String status, Tasks tasks, @Nullable Long elapsedSeconds,
                         List<String> failureReasons, @Nullable String report,
                         List<CompletionReports.FailedTask> failures, @Nullable String reportProblem) {

    @Serdeable
    public record Tasks(long total, long succeeded, long failed) {
    }

    public static JobSummary of(JobProgress job, @Nullable CompletionReports.Summary report) {
        return new JobSummary(job.jobId(), job.status(), new Tasks(job.total(), job.succeeded(), job.failed()),
                job.elapsedSeconds(), job.failureReasons(), report == null ? null : report.location(),
                report == null ? List.of() : report.failures(), report == null ? null : report.problem());
    }

    /**
     * 3 when the job failed, was cancelled, or waits for a confirmation nobody will give; 1 when
     * tasks failed; else 0.
     */
    public int exitCode() {
        if (JobProgress.ABORTED.contains(status) || JobProgress.SUSPENDED.equals(status)) {
            return ExitCodes.UNAVAILABLE;
        }
        return tasks.failed() > 0 ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
}
