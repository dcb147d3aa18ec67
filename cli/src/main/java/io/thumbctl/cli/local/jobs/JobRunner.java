package io.thumbctl.cli.local.jobs;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.cli.job.ManifestKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs one job as S3 Batch Operations would. Preparing: the tasks (one per manifest line, or per
 * key S3's manifest generator would list) go to a temporary file, so memory does not grow with the
 * job and the total is known before the first task runs. Active: each task is one synchronous
 * invocation of the function, at most {@code concurrency} at a time; a {@code TemporaryFailure} or
 * a function error is redriven (up to {@code maxAttempts} in all, with a doubling pause), then
 * reported failed. As on AWS, once 1,000 tasks have run and more than half of them failed, the job
 * fails. Finally the completion report is written (when at least one task ran).
 */
final class JobRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** AWS's rule: the failure rate is watched once this many tasks have run... */
    static final long FAILURE_RATE_MIN_TASKS = 1000;
    /** ...and the job fails when more than this share of them failed. */
    static final double FAILURE_RATE_LIMIT = 0.5;
    /** How long a stopping job lets its running tasks finish their report rows. */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** A job that cannot go on: its JobFailure. */
    private static final class JobFailedException extends Exception {
        final String code;

        JobFailedException(String code, String reason) {
            super(reason);
            this.code = code;
        }
    }

    /** One attempt's result: Succeeded, TemporaryFailure, PermanentFailure, or a function error. */
    private record Attempt(String code, String message, boolean retryable) {
    }

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
        Path list = null;
        try {
            list = Files.createTempFile("thumbctl-job-" + job.id() + "-", ".tasks");
            execute(list);
        } catch (JobFailedException e) {
            log.accept(String.format("%-11s %s: %s: %s", "job-failed", job.id(), e.code, e.getMessage()));
            job.fail(e.code, e.getMessage());
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
        } finally {
            deleteQuietly(list);
        }
    }

    private void execute(Path list) throws JobFailedException, IOException, InterruptedException {
        JobSpec spec = job.spec();
        job.moveTo(LocalJob.Status.PREPARING);
        job.prepared(spec.manifest() != null ? readManifest(spec.manifest(), list) : generate(spec.generator(), list));
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
    private String runAndReport(Path list) throws IOException, InterruptedException {
        JobSpec.Report wanted = job.spec().report();
        try (ReportWriter rows = new ReportWriter(wanted.allTasks())) {
            long ran = runTasks(list, rows);
            if (!wanted.enabled() || ran == 0) {
                return null;
            }
            String bucket = JobSpec.bucketOf(wanted.bucketArn());
            return "s3://" + bucket + "/" + rows.publish(runtime.s3(), runtime.timeouts(), runtime.json(), bucket, wanted.prefix(), job.id());
        }
    }

    /** Reads the CSV manifest, checking its ETag, into the task list. @return the number of tasks */
    private long readManifest(JobSpec.Manifest manifest, Path list) throws JobFailedException, IOException {
        String bucket = JobSpec.bucketOf(manifest.objectArn());
        String key = JobSpec.keyOf(manifest.objectArn());
        int bucketField = manifest.fields().indexOf("Bucket");
        int keyField = manifest.fields().indexOf("Key");
        int versionField = manifest.fields().indexOf("VersionId");
        long count = 0;
        try (ResponseInputStream<GetObjectResponse> in = runtime.s3().getObject(b -> b.bucket(bucket).key(key)
                .versionId(manifest.versionId()).ifMatch(manifest.etag() == null ? null : quote(manifest.etag()))
                .overrideConfiguration(runtime.timeouts().forCall()));
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(list, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != manifest.fields().size() || fields[bucketField].isEmpty() || fields[keyField].isEmpty()) {
                    throw new JobFailedException("ManifestInvalid", "line " + number + " of s3://" + bucket + "/" + key
                            + " does not have the fields " + manifest.fields() + ": " + abbreviate(line));
                }
                writeTask(out, fields[bucketField], fields[keyField], versionField < 0 ? null : fields[versionField]);
                count++;
            }
        } catch (S3Exception e) {
            throw switch (e.statusCode()) {
                case 404 -> new JobFailedException("ManifestNotFound", "no manifest at s3://" + bucket + "/" + key);
                case 412 -> new JobFailedException("ManifestETagMismatch", "the manifest s3://" + bucket + "/" + key
                        + " no longer has ETag " + manifest.etag());
                default -> new JobFailedException("ManifestUnreadable", "cannot read s3://" + bucket + "/" + key + ": "
                        + e.getMessage());
            };
        }
        return count;
    }

    /** Lists the source bucket as S3's manifest generator would. @return the number of tasks */
    private long generate(JobSpec.Generator generator, Path list) throws JobFailedException, IOException {
        String bucket = JobSpec.bucketOf(generator.sourceBucketArn());
        long count = 0;
        try (Writer out = Files.newBufferedWriter(list, StandardCharsets.UTF_8)) {
            for (S3Object object : runtime.s3().listObjectsV2Paginator(b -> b.bucket(bucket)
                    .prefix(generator.matchAnyPrefix()).overrideConfiguration(runtime.timeouts().forCall())).contents()) {
                if (generator.matches(object.key())) {
                    writeTask(out, bucket, ManifestKeys.encode(object.key()), null);
                    count++;
                }
            }
        } catch (NoSuchBucketException e) {
            throw new JobFailedException("SourceBucketNotFound", "the source bucket " + bucket + " does not exist");
        }
        if (generator.enableManifestOutput()) {
            String prefix = generator.outputPrefix() == null || generator.outputPrefix().isEmpty() ? ""
                    : generator.outputPrefix().replaceAll("/+$", "") + "/";
            String key = prefix + "job-" + job.id() + "/manifest.csv";
            long size = Files.size(list);
            runtime.s3().putObject(b -> b.bucket(JobSpec.bucketOf(generator.outputBucketArn())).key(key)
                    .contentType("text/csv").overrideConfiguration(runtime.timeouts().forUpload(size)),
                    RequestBody.fromFile(list));
        }
        return count;
    }

    private static void writeTask(Writer out, String bucket, String encodedKey, @Nullable String version)
            throws IOException {
        out.write(bucket + "," + encodedKey + "," + (version == null ? "" : version) + "\n");
    }

    /**
     * Hands the tasks to the shared pool, at most {@code concurrency} of this job's at a time, then
     * waits for them. Local mode stopping interrupts this thread: the tasks still running get a
     * bounded time to finish their report rows, and the queued ones the pool dropped have given
     * their slot back ({@link Task#dropped}), so nothing is left waiting.
     *
     * @return the number of tasks that ran
     */
    private long runTasks(Path list, ReportWriter report) throws IOException, InterruptedException {
        int concurrency = settings.concurrency();
        Semaphore slots = new Semaphore(concurrency);
        long ran = 0;
        try (BufferedReader lines = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null && !tooManyFailures.get(); line = lines.readLine()) {
                String[] task = line.split(",", -1);
                slots.acquire();
                try {
                    tasks.execute(new Task(slots, () -> runTask(task[0], task[1], task[2].isEmpty() ? null : task[2],
                            report)));
                } catch (RejectedExecutionException stopping) {
                    slots.release();
                    throw new InterruptedException("local mode stopped the task pool");
                }
                ran++;
            }
            slots.acquire(concurrency);
        } catch (InterruptedException stopping) {
            if (!slots.tryAcquire(concurrency, STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("job {}: tasks still running {} s after local mode stopped", job.id(), STOP_WAIT.toSeconds());
            }
            throw stopping;
        }
        return ran;
    }

    /**
     * One task on the shared pool, holding one of its job's slots until it has run, or until the
     * pool drops it unrun ({@code shutdownNow} hands the queued ones back to {@link LocalJobs}).
     */
    static final class Task implements Runnable {
        private final Semaphore slots;
        private final Runnable work;
        private final AtomicBoolean released = new AtomicBoolean();

        Task(Semaphore slots, Runnable work) {
            this.slots = slots;
            this.work = work;
        }

        @Override
        public void run() {
            try {
                work.run();
            } finally {
                release();
            }
        }

        /** The pool will never run it. */
        void dropped() {
            release();
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        }
    }

    private void runTask(String bucket, String key, @Nullable String version, ReportWriter report) {
        String taskId = id();
        Attempt attempt = null;
        try {
            for (int n = 1; n <= settings.maxAttempts(); n++) {
                attempt = invoke(bucket, key, version, taskId);
                if (!attempt.retryable() || n == settings.maxAttempts()) {
                    break;
                }
                Thread.sleep(settings.firstRetryDelay().toMillis() << (n - 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt = new Attempt("TemporaryFailure", "thumbctl local stopped while the task waited for a redrive", true);
        }
        try {
            if ("Succeeded".equals(attempt.code())) {
                job.taskSucceeded();
                report.succeeded(bucket, key, version, attempt.message());
            } else {
                job.taskFailed();
                report.failed(bucket, key, version, attempt.code(), attempt.message());
            }
        } catch (IOException e) {
            LOG.warn("job {}: cannot write the report row of {}", job.id(), key, e);
        }
        LocalJob.View v = job.view();
        long done = v.succeeded() + v.failed();
        if (done >= FAILURE_RATE_MIN_TASKS && v.failed() > FAILURE_RATE_LIMIT * done) {
            tooManyFailures.set(true);
        }
    }

    private Attempt invoke(String bucket, String key, @Nullable String version, String taskId) {
        String invocationId = id();
        byte[] answer;
        try {
            answer = runtime.function().invoke(runtime.events().event(job.spec(), job.id(), invocationId, taskId,
                    bucket, key, version));
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            return new Attempt("PermanentFailure", "Lambda returned function error: {\"errorMessage\":\""
                    + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}", true);
        }
        BatchEvents.Answer parsed;
        try {
            parsed = runtime.events().answer(answer);
        } catch (IOException e) {
            return new Attempt("PermanentFailure", "Invalid JSON returned in Lambda payload", false);
        }
        BatchEvents.Result result = parsed.results() == null ? null : parsed.results().stream()
                .filter(r -> taskId.equals(r.taskId())).findFirst().orElse(null);
        if (result == null || result.resultCode() == null) {
            String missing = parsed.treatMissingKeysAs() == null ? "PermanentFailure" : parsed.treatMissingKeysAs();
            return new Attempt(missing, "the answer has no result for task " + taskId, "TemporaryFailure".equals(missing));
        }
        return switch (result.resultCode()) {
            case "Succeeded", "PermanentFailure" -> new Attempt(result.resultCode(), result.resultString(), false);
            case "TemporaryFailure" -> new Attempt("TemporaryFailure", result.resultString(), true);
            default -> new Attempt("PermanentFailure", "unknown resultCode " + result.resultCode(), false);
        };
    }

    /** Task and invocation ids: opaque, unique, like AWS's. */
    private static String id() {
        UUID uuid = UUID.randomUUID();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (uuid.getMostSignificantBits() + ":" + uuid.getLeastSignificantBits()).getBytes(StandardCharsets.US_ASCII));
    }

    private static String quote(String etag) {
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("cannot delete {}", file, e);
            }
        }
    }
}
