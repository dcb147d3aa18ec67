package io.thumbctl.cli.job;

import java.time.Duration;

/**
 * Shows a job: one look, or (with {@code await}) a look every interval, with a progress bar,
 * until it ends; then, for a job that has ended, the completion report's failed tasks. Prints the
 * {@link JobSummary} and returns the command's exit code. Shared by {@code thumbctl job} and
 * {@code thumbctl backfill --engine batch-operations}.
 */
public class JobFollower {

    /**
     * @param await    follow the job to its end
     * @param interval between two looks
     */
    public record Options(boolean await, Duration interval) {
    }

    private final JobWatcher watcher;
    private final CompletionReports reports;

    public JobFollower(JobWatcher watcher, CompletionReports reports) {
        this.watcher = watcher;
        this.reports = reports;
    }

    /** @throws JobRefusedException when the job cannot be looked at (no such job, DescribeJob denied, no answer) */
    public int follow(String account, String jobId, Options options, JobPrinter printer) {
        JobProgress job;
        if (!options.await()) {
            job = watcher.look(account, jobId);
        } else {
            try {
                job = await(account, jobId, options, printer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return printer.stoppedWatching(jobId);
            }
        }
        return printer.summary(summary(job));
    }

    private JobProgress await(String account, String jobId, Options options, JobPrinter printer)
            throws InterruptedException {
        if (!printer.progress()) {
            return watcher.await(account, jobId, options.interval(), progress -> { });
        }
        try (JobProgressBar bar = printer.jobProgressBar(jobId)) {
            return watcher.await(account, jobId, options.interval(), bar);
        }
    }

    /** The job's summary, with the failed tasks of its completion report once it has ended. */
    JobSummary summary(JobProgress job) {
        if (!job.isFinal() || job.report() == null) {
            return JobSummary.of(job, null);
        }
        return JobSummary.of(job, reports.read(job.report(), job.jobId(), CompletionReports.FAILURES_SHOWN));
    }
}
