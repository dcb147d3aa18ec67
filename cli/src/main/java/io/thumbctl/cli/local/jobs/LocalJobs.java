package io.thumbctl.cli.local.jobs;

import io.micronaut.json.JsonMapper;
import io.thumbctl.cli.aws.ClientTimeouts;
import jakarta.servlet.http.HttpServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The jobs of {@code thumbctl local}'s S3 Batch Operations, in memory: they are gone when local
 * mode stops (AWS keeps them for 90 days). Jobs may be created before the function is
 * {@link #attach attached}; they start once it is. One client request token per account makes one
 * job: the same request again gets the same job id, and a different request with a used token is
 * refused as S3 refuses it (IdempotencyException).
 */
public final class LocalJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalJobs.class);
    /** How long {@link #close} waits for the jobs' threads; a job waits {@link TaskScheduler#STOP_WAIT} for its tasks. */
    private static final Duration CLOSE_WAIT = TaskScheduler.STOP_WAIT.plusSeconds(5);

    /** The region local mode signs and answers for. */
    public static final String REGION = "us-east-1";

    /**
     * How jobs run.
     *
     * @param concurrency      function invocations at once, over all jobs
     * @param maxAttempts      invocations of one task, redrives included
     * @param firstRetryDelay  before the first redrive; doubled for each next one
     */
    public record Settings(int concurrency, int maxAttempts, Duration firstRetryDelay) {

        public static Settings defaults() {
            return new Settings(Math.max(2, java.lang.Runtime.getRuntime().availableProcessors()), 4, Duration.ofMillis(200));
        }

        public Settings {
            if (concurrency < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("concurrency and attempts must be at least 1");
            }
        }
    }

    /**
     * What running a job needs, known once local mode's function has started; {@code timeouts}
     * bound each of the job's own S3 calls (manifest, listing, report).
     */
    record Runtime(BatchFunction function, S3Client s3, JsonMapper json, BatchEvents events, ClientTimeouts timeouts) {
    }

    private final Settings settings;
    private final Consumer<String> log;
    private final CompletableFuture<Runtime> runtime = new CompletableFuture<>();
    private final Map<String, LocalJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, LocalJob> byToken = new ConcurrentHashMap<>();
    private final ExecutorService coordinators = Executors.newCachedThreadPool(daemons("thumbctl-local-job"));
    private final ExecutorService tasks;

    public LocalJobs(Settings settings) {
        this(settings, line -> { });
    }

    /** @param log told, in one line each, when a job starts its tasks and when it ends */
    public LocalJobs(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
        this.tasks = Executors.newFixedThreadPool(settings.concurrency(), daemons("thumbctl-local-task"));
    }

    /**
     * Hands over the function jobs invoke and the S3 client that reads manifests and writes reports
     * (pointed at local mode's own endpoint).
     */
    public void attach(BatchFunction function, S3Client s3, JsonMapper json) {
        runtime.complete(new Runtime(function, s3, json, new BatchEvents(json), ClientTimeouts.defaults()));
    }

    /** The job API, to serve under {@code /v20180820/}. */
    public HttpServlet servlet() {
        return new JobApiServlet(this);
    }

    /**
     * The job of the request's token: a new one, started, or the one an equal request made before.
     *
     * @throws JobApiException 409 for a used token with another request, 503 once local mode stops
     */
    LocalJob.View create(JobSpec spec) {
        String tokenKey = spec.account() + "/" + spec.clientRequestToken();
        LocalJob candidate = new LocalJob(UUID.randomUUID().toString(), spec, Instant.now());
        // One job per token, even when two requests with it race; the winner starts it, outside
        // the map's lock (a thread started in computeIfAbsent holds it up, and a refused start
        // left a job without its token).
        LocalJob job = byToken.putIfAbsent(tokenKey, candidate);
        if (job == null) {
            job = candidate;
            jobs.put(job.id(), job);
            LocalJob started = job;
            try {
                coordinators.execute(() -> start(started));
            } catch (RejectedExecutionException stopping) {
                job.fail("Stopped", "thumbctl local stopped before the job could start");
                throw new JobApiException(503, "ServiceUnavailable", "thumbctl local is stopping");
            }
        }
        if (!job.spec().equals(spec)) {
            throw new JobApiException(409, "IdempotencyException", "ClientRequestToken " + spec.clientRequestToken()
                    + " was used for a different job request (job " + job.id() + ")");
        }
        return job.view();
    }

    private void start(LocalJob job) {
        Runtime ready;
        try {
            ready = runtime.join();
        } catch (CancellationException | CompletionException closed) {
            LOG.info("local mode stopped before job {} could start", job.id());
            return;
        }
        new JobRunner(job, ready, settings, tasks, log).run();
    }

    Optional<LocalJob.View> describe(String account, String id) {
        LocalJob job = jobs.get(id);
        return job == null || !job.spec().account().equals(account) ? Optional.empty() : Optional.of(job.view());
    }

    /** The account's jobs, newest first, with one of the statuses (all when none is given). */
    List<LocalJob.View> list(String account, Set<String> statuses) {
        List<LocalJob.View> views = new ArrayList<>();
        for (LocalJob job : jobs.values()) {
            LocalJob.View view = job.view();
            if (view.spec().account().equals(account) && (statuses.isEmpty() || statuses.contains(view.status().word))) {
                views.add(view);
            }
        }
        views.sort(Comparator.comparing(LocalJob.View::created).reversed().thenComparing(LocalJob.View::id));
        return views;
    }

    /**
     * Stops every job: running tasks are interrupted, queued ones dropped (their slots given
     * back, so no job waits for them), and the jobs end as failed ({@code Stopped}). Waits a
     * bounded time for the threads to end.
     */
    @Override
    public void close() {
        runtime.cancel(false);
        coordinators.shutdownNow();
        for (Runnable queued : tasks.shutdownNow()) {
            if (queued instanceof TaskScheduler.Slot task) {
                task.dropped();
            }
        }
        try {
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            if (!coordinators.awaitTermination(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS)
                    || !tasks.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("local jobs still running {} s after local mode stopped", CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tasks waiting in the shared pool's queue for a thread. */
    int queuedTasks() {
        return ((ThreadPoolExecutor) tasks).getQueue().size();
    }

    /** Whether every job's thread has ended (after {@link #close}). */
    boolean terminated() {
        return coordinators.isTerminated() && tasks.isTerminated();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
