package io.thumbctl.cli.local.jobs;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One job of the local job API and where it stands. Its status moves as an AWS job's does:
 * New, Preparing (the manifest is read), Ready, Active (tasks run), then Complete or, when the
 * manifest cannot be read or too many tasks fail, Failed; Suspended when the request asked for a
 * confirmation (which local mode has no way to give). Counts change while the job runs; readers get
 * consistent {@link View}s.
 */
final class LocalJob {

    enum Status {
        NEW("New"), PREPARING("Preparing"), SUSPENDED("Suspended"), READY("Ready"), ACTIVE("Active"),
        COMPLETE("Complete"), FAILED("Failed");

        final String word;

        Status(String word) {
            this.word = word;
        }
    }

    /** A failure of the whole job: S3 Control's JobFailure. */
    record Failure(String code, String reason) {
    }

    /** The job as DescribeJob and ListJobs show it, at one moment. */
    record View(String id, JobSpec spec, Status status, Instant created, @Nullable Instant terminated, long total,
                long succeeded, long failed, @Nullable Long activeSeconds, List<Failure> failures) {
    }

    private final String id;
    private final JobSpec spec;
    private final Instant created;
    private Status status = Status.NEW;
    private Instant activeSince;
    private Instant terminated;
    private long total;
    private long succeeded;
    private long failed;
    private final List<Failure> failures = new ArrayList<>();

    LocalJob(String id, JobSpec spec, Instant created) {
        this.id = id;
        this.spec = spec;
        this.created = created;
    }

    String id() {
        return id;
    }

    JobSpec spec() {
        return spec;
    }

    synchronized void moveTo(Status next) {
        if (next == Status.ACTIVE && activeSince == null) {
            activeSince = Instant.now();
        }
        status = next;
    }

    synchronized void prepared(long tasks) {
        total = tasks;
    }

    synchronized void taskSucceeded() {
        succeeded++;
    }

    synchronized void taskFailed() {
        failed++;
    }

    synchronized void complete() {
        status = Status.COMPLETE;
        terminated = Instant.now();
    }

    synchronized void fail(String code, String reason) {
        failures.add(new Failure(code, reason));
        status = Status.FAILED;
        terminated = Instant.now();
    }

    synchronized View view() {
        Long active = activeSince == null ? null
                : Duration.between(activeSince, terminated == null ? Instant.now() : terminated).toSeconds();
        return new View(id, spec, status, created, terminated, total, succeeded, failed, active, List.copyOf(failures));
    }
}
