package io.thumbctl.cli.local.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs one job as S3 Batch Operations would, from New to Complete or Failed. Preparing: the
 * tasks, from the CSV manifest ({@link ManifestTasks}) or the bucket listing S3's manifest
 * generator would make ({@link BucketListingTasks}), into a {@link TaskList}. Active: the tasks
 * through the shared pool ({@link TaskScheduler}), each one invocation with its redrives
 * ({@link TaskAttempts}), each result counted and written to the report rows. As on AWS, once
 * 1,000 tasks have run and more than half of them failed, the job fails. Finally the completion
 * report is written ({@link ReportWriter}, when at least one task ran).
 */
final class JobRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** AWS's rule: the failure rate is watched once this many tasks have run... */
    static final long FAILURE_RATE_MIN_TASKS = 1000;
    /** ...and the job fails when more than this share of them failed. */
    static final double FAILURE_RATE_LIMIT = 0.5;

    private final LocalJob job;
    private final LocalJobs.Runtime runtime;
    private final LocalJobs.Settings settings;
    private final ExecutorService tasks;
    private final Consumer<String> log;
    private final AtomicBoolean tooManyFailures = new AtomicBoolean();

    JobRunner(LocalJob job, LocalJobs.Runtime runtime, LocalJobs.Settings settings, ExecutorService tasks,
              Consumer<String> log) {
        this.job = job;
        this.runtime = runtime;
        this.settings = settings;
        this.tasks = tasks;
        this.log = log;
    }

    @Override
    public void run() {
        try (TaskList list = new TaskList(job.id())) {
            execute(list);
        } catch (JobFailedException e) {
            log.accept(String.format("%-11s %s: %s: %s", "job-failed", job.id(), e.code(), e.getMessage()));
            job.fail(e.code(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.fail("Stopped", "thumbctl local stopped while the job ran");
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // local mode is stopping: the SDK aborts what this thread was reading
                LOG.debug("job {} stopped with local mode", job.id(), e);
                job.fail("Stopped", "thumbctl local stopped while the job ran");
                return;
            }
            LOG.warn("job {} failed", job.id(), e);
            job.fail("InternalError", e.toString());
        }
    }

    private void execute(TaskList list) throws JobFailedException, IOException, InterruptedException {
        JobSpec spec = job.spec();
        job.moveTo(LocalJob.Status.PREPARING);
        job.prepared(spec.manifest() != null
                ? new ManifestTasks(runtime.s3(), runtime.timeouts()).read(spec.manifest(), list)
                : new BucketListingTasks(runtime.s3(), runtime.timeouts()).list(spec.generator(), job.id(), list));
        if (spec.confirmationRequired()) {
            job.moveTo(LocalJob.Status.SUSPENDED);
            return;
        }
        job.moveTo(LocalJob.Status.READY);
        job.moveTo(LocalJob.Status.ACTIVE);
        log.accept(String.format("%-11s %s: %d tasks, %s (schema %s)", "job-active", job.id(), job.view().total(),
                spec.functionArn(), spec.invocationSchemaVersion()));
        String report = runAndReport(list);
        LocalJob.View done = job.view();
        boolean failed = tooManyFailures.get();
        // Told before the status changes, so that whoever sees the job end can find the line.
        log.accept(String.format("%-11s %s: %d succeeded, %d failed%s", failed ? "job-failed" : "job-complete", job.id(),
                done.succeeded(), done.failed(), report == null ? "" : ", report " + report));
        if (failed) {
            job.fail("TaskFailureRateExceeded", "more than half of the " + (done.succeeded() + done.failed())
                    + " tasks run failed (the job stops once at least " + FAILURE_RATE_MIN_TASKS + " have run)");
        } else {
            job.complete();
        }
    }

    /** Runs the tasks, then writes the completion report. @return where the report is, if there is one */
    private String runAndReport(TaskList list) throws IOException, InterruptedException {
        JobSpec.Report wanted = job.spec().report();
        TaskAttempts attempts = new TaskAttempts(job, runtime, settings);
        try (ReportWriter rows = new ReportWriter(wanted.allTasks())) {
            long ran = new TaskScheduler(tasks, settings.concurrency())
                    .run(list, tooManyFailures::get, task -> record(task, attempts.run(task), rows), job.id());
            if (!wanted.enabled() || ran == 0) {
                return null;
            }
            String bucket = JobSpec.bucketOf(wanted.bucketArn());
            return "s3://" + bucket + "/" + rows.publish(runtime.s3(), runtime.timeouts(), runtime.json(), bucket,
                    wanted.prefix(), job.id());
        }
    }

    /** Counts a task's result, writes its report row, and watches the failure rate. */
    private void record(TaskList.Task task, TaskAttempts.Attempt attempt, ReportWriter report) {
        try {
            if (attempt.succeeded()) {
                job.taskSucceeded();
                report.succeeded(task.bucket(), task.encodedKey(), task.version(), attempt.message());
            } else {
                job.taskFailed();
                report.failed(task.bucket(), task.encodedKey(), task.version(), attempt.code(), attempt.message());
            }
        } catch (IOException e) {
            LOG.warn("job {}: cannot write the report row of {}", job.id(), task.encodedKey(), e);
        }
        LocalJob.View v = job.view();
        long done = v.succeeded() + v.failed();
        if (done >= FAILURE_RATE_MIN_TASKS && v.failed() > FAILURE_RATE_LIMIT * done) {
            tooManyFailures.set(true);
        }
    }
}
