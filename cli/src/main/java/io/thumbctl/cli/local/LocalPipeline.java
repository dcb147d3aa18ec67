package io.thumbctl.cli.local;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.thumbctl.cli.local.jobs.HandlerBatchFunction;
import io.thumbctl.cli.local.jobs.LocalJobs;
import io.thumbctl.config.InvalidSettingsException;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.function.SnapStartPriming;
import io.thumbctl.function.ThumbnailHandler;
import io.thumbctl.storage.S3ObjectStore;
import io.thumbctl.thumbnail.ThumbnailService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole thumbnail pipeline on this machine: an S3-compatible endpoint whose writes are
 * announced as S3 event notifications to the thumbnail function, which runs in this JVM with its
 * usual configuration and talks back to the endpoint with the AWS SDK, as it would to S3. The
 * recursion guard is what keeps the function's own writes from triggering more thumbnails, as on
 * AWS. The endpoint also plays S3 Batch Operations ({@link LocalJobs}): its jobs invoke the same
 * function with Batch Operations events.
 */
public final class LocalPipeline implements AutoCloseable {

    /** Any credentials are accepted; these are the ones we suggest and the function uses. */
    public static final String ACCESS_KEY_ID = "thumbctl";
    public static final String SECRET_ACCESS_KEY = "thumbctl-local";
    public static final String REGION = S3EventJson.REGION;
    /** Any function and role ARN will do for a local job; these are the ones we suggest (LocalStack's account). */
    public static final String FUNCTION_ARN = "arn:aws:lambda:" + REGION + ":000000000000:function:thumbctl:live";
    public static final String ROLE_ARN = "arn:aws:iam::000000000000:role/thumbctl-batch-operations";

    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);

    private final LocalS3Server server;
    private final FunctionInvoker invoker;
    private final LocalJobs jobs;
    private final Path dataDir;
    private final List<String> buckets;
    private final ThumbnailSettings settings;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);

    private LocalPipeline(LocalS3Server server, FunctionInvoker invoker, LocalJobs jobs, Path dataDir,
                          List<String> buckets, ThumbnailSettings settings) {
        this.server = server;
        this.invoker = invoker;
        this.jobs = jobs;
        this.dataDir = dataDir;
        this.buckets = buckets;
        this.settings = settings;
    }

    /**
     * Starts the endpoint, the function and the buckets (the options' and the function's target
     * bucket, when one is configured).
     *
     * @throws LocalStartException when the port or the data directory cannot be used
     * @throws InvalidSettingsException when the function's configuration is invalid
     */
    public static LocalPipeline start(LocalOptions options, InvocationListener listener) {
        FunctionInvoker invoker = new FunctionInvoker(listener);
        LocalJobs jobs = new LocalJobs(LocalJobs.Settings.defaults(), listener::job);
        LocalS3Server server;
        try {
            server = LocalS3Server.start(options.port(), options.dataDir(), invoker::invoke, jobs.servlet());
        } catch (RuntimeException e) {
            jobs.close();
            invoker.close();
            throw e;
        }
        try {
            // The endpoint's port is known only now (0 picks one), and the function needs it.
            ApplicationContext context = functionContext(server.endpoint(), options.functionProperties());
            ThumbnailHandler handler = new ThumbnailHandler(context);
            invoker.attach(handler, context.getBean(JsonMapper.class));
            jobs.attach(new HandlerBatchFunction(handler), context.getBean(S3Client.class), context.getBean(JsonMapper.class));
            ThumbnailSettings settings = context.getBean(ThumbnailService.class).settings();

            Set<String> buckets = new LinkedHashSet<>(options.buckets());
            if (settings.targetBucket() != null) {
                buckets.add(validTargetBucket(settings.targetBucket()));
            }
            buckets.forEach(server::createBucketIfMissing);
            // Ready means warm: the first upload after the banner gets its thumbnail as quickly as the next.
            awaitBounded(invoker.runOnFunctionThread(() -> warmUp(context)));
            return new LocalPipeline(server, invoker, jobs, options.dataDir(), List.copyOf(buckets), settings);
        } catch (RuntimeException e) {
            jobs.close();
            invoker.close();
            server.close();
            throw e;
        }
    }

    /**
     * The function's own SnapStart priming (the whole pipeline once, against an offline S3), then
     * its real S3 client built. On a fresh JVM the first thumbnail otherwise took 1.9 s here,
     * against 0.1 to 0.2 s for the next ones. Nothing is written.
     */
    private static void warmUp(ApplicationContext context) {
        try {
            new SnapStartPriming(context).primeRoutes();
            context.getBean(S3ObjectStore.class).prepare();
        } catch (RuntimeException e) {
            // Only an optimisation: the first upload will be slower, and show any real problem itself.
            LOG.debug("warm-up failed", e);
        }
    }

    /** A slow or failed warm-up only costs the first thumbnail some time: said, not thrown. */
    static void awaitBounded(Future<?> warmUp) {
        try {
            warmUp.get(WARM_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("the warm-up is still running after {} s; serving meanwhile, the first thumbnail may be slower",
                    WARM_UP_TIMEOUT.toSeconds());
        } catch (ExecutionException e) {
            // warmUp catches RuntimeExceptions itself: this is an Error (out of memory, a missing class)
            LOG.warn("the warm-up failed; serving anyway, the first thumbnail may be slower", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String validTargetBucket(String bucket) {
        try {
            return LocalOptions.requireValidBucketName(bucket);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("thumbnail.target-bucket: " + e.getMessage());
        }
    }

    private static ApplicationContext functionContext(URI endpoint, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        // Context properties outrank environment variables, so a shell that points the SDK
        // elsewhere (AWS_SERVICES_S3_ENDPOINT_OVERRIDE, AWS_REGION) cannot send thumbnails there.
        props.put("aws.services.s3.endpoint-override", endpoint.toString());
        props.put("aws.s3.path-style-access-enabled", "true");
        props.put("aws.region", REGION);
        props.put("aws.access-key-id", ACCESS_KEY_ID);
        props.put("aws.secret-key", SECRET_ACCESS_KEY);
        props.putAll(extra);
        return ApplicationContext.builder().deduceEnvironment(false).properties(props).start();
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The buckets that exist from the start, including the thumbnails' target bucket. */
    public List<String> buckets() {
        return new ArrayList<>(buckets);
    }

    /** The function's settings, as it read them. */
    public ThumbnailSettings settings() {
        return settings;
    }

    /** Blocks until {@link #stop} is called (from another thread, or a shutdown hook). */
    public void awaitStopped() throws InterruptedException {
        stoppedLatch.await();
    }

    /**
     * Serves until stopped, whichever way that comes: {@link #stop} from another thread, an
     * interrupt of the calling thread, or the JVM shutting down (Ctrl-C ends the JVM through its
     * shutdown hooks; it stops there, after the queued thumbnails).
     *
     * @param onStopped runs once, after the stop, on the thread that stopped it, unless
     *                  {@link #stop} was called directly
     */
    public void serveUntilStopped(Runnable onStopped) {
        Runnable stopHere = () -> {
            if (stop()) {
                onStopped.run();
            }
        };
        Thread stopOnExit = new Thread(stopHere, "thumbctl-local-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopHere.run();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                LOG.debug("the JVM is shutting down: the stop hook is running or has run", shuttingDown);
            }
        }
    }

    /**
     * Lets queued invocations finish, then stops the endpoint and the function. Idempotent.
     *
     * @return whether this call stopped it (false when it was already stopped)
     */
    public boolean stop() {
        if (!stopped.compareAndSet(false, true)) {
            return false;
        }
        // An interrupted caller (a command thread being cancelled) still gets a complete stop:
        // with the flag set, waiting for queued thumbnails and for the server's stop would be cut
        // short and leave Jetty half-stopped. The flag is restored afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            // Jobs stop first (they are in memory only); the function still needs the endpoint while
            // queued invocations finish.
            jobs.close();
            invoker.close();
            server.close();
        } finally {
            stoppedLatch.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }

    @Override
    public void close() {
        stop();
    }
}
