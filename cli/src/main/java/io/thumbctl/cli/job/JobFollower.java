package io.thumbctl.cli.job;

import io.micronaut.json.JsonMapper;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.output.OutputMode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Shows a job: one look, or (with {@code wait}) a look every interval with a progress bar until
 * it ends; then, for a job that has ended, the completion report's failed tasks. Prints the
 * {@link JobSummary} and returns the command's exit code. Shared by {@code thumbctl job} and
 * {@code thumbctl backfill --engine batch-operations}.
 */
@Singleton
public class JobFollower {

    /**
     * @param await       follow the job to its end
     * @param interval    between two looks
     * @param progressBar draw a progress bar on stderr while waiting
     */
    public record Options(boolean await, Duration interval, boolean progressBar, OutputMode output) {
    }

    private final JobWatcher watcher;
    private final CompletionReports reports;
    private final JsonMapper json;

    public JobFollower(JobWatcher watcher, CompletionReports reports, JsonMapper json) {
        this.watcher = watcher;
        this.reports = reports;
        this.json = json;
    }

    /** @throws JobRefusedException when the job cannot be looked at (no such job, DescribeJob denied) */
    public int follow(String account, String jobId, Options options, PrintWriter out, PrintWriter err) {
        JobProgress job;
        if (!options.await()) {
            job = watcher.look(account, jobId);
        } else {
            try {
                job = await(account, jobId, options, err);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("thumbctl: stopped watching; job " + jobId + " goes on (thumbctl job " + jobId + " --wait)");
                err.flush();
                return ExitCodes.UNAVAILABLE;
            }
        }
        return print(summary(job), options.output(), out);
    }

    private JobProgress await(String account, String jobId, Options options, PrintWriter err) throws InterruptedException {
        if (!options.progressBar()) {
            return watcher.await(account, jobId, options.interval(), progress -> { });
        }
        try (JobProgressBar bar = new JobProgressBar(err, jobId)) {
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

    int print(JobSummary summary, OutputMode output, PrintWriter out) {
        if (output == OutputMode.JSON) {
            try {
                out.println(json.writeValueAsString(summary));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            summary.text().forEach(out::println);
        }
        out.flush();
        return summary.exitCode();
    }
}
