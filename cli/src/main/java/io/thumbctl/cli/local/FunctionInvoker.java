package io.thumbctl.cli.local;

import io.micronaut.json.JsonMapper;
import io.thumbctl.function.RetryableFailureException;
import io.thumbctl.function.ThumbnailHandler;
import io.thumbctl.thumbnail.OutcomeView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Invokes the function for each object change the way S3 invokes Lambda: asynchronously (the
 * client's write does not wait for the thumbnail), with the event JSON S3 would send, through
 * {@link ThumbnailHandler#handleRequest}, the entry point Lambda calls. One invocation at a time,
 * in the order the changes happened, like a function with a reserved concurrency of one.
 *
 * <p>Changes may arrive before the function is {@link #attach attached}; they wait for it.
 * Unlike Lambda, a failed invocation is reported and not retried.
 */
final class FunctionInvoker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionInvoker.class);

    /** How long {@link #close} lets queued invocations finish. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private record Function(ThumbnailHandler handler, S3EventJson events, JsonMapper json) {
    }

    private final InvocationListener listener;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "thumbctl-local-function");
        thread.setDaemon(true);
        return thread;
    });
    private final CompletableFuture<Function> function = new CompletableFuture<>();

    FunctionInvoker(InvocationListener listener) {
        this.listener = listener;
    }

    /** Hands over the function; this invoker closes it. */
    void attach(ThumbnailHandler handler, JsonMapper json) {
        function.complete(new Function(handler, new S3EventJson(json), json));
    }

    /** Runs a task on the function's thread, after what is queued already. */
    Future<?> runOnFunctionThread(Runnable task) {
        return executor.submit(task);
    }

    /** Queues one invocation and returns at once. Ignored once the invoker is closing. */
    void invoke(ObjectChange change) {
        try {
            executor.execute(() -> run(change));
        } catch (RejectedExecutionException stopping) {
            // closing: S3 itself is going away, nobody is left to see this thumbnail; but say so
            LOG.warn("local mode is stopping: no thumbnail for the {} of s3://{}/{}", change.eventName(),
                    change.bucket(), change.key());
        }
    }

    private void run(ObjectChange change) {
        Function f;
        try {
            f = function.join();
        } catch (CancellationException | CompletionException neverAttached) {
            LOG.warn("local mode stopped before its function started: no thumbnail for the {} of s3://{}/{}",
                    change.eventName(), change.bucket(), change.key());
            return;
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        List<OutcomeView> outcomes;
        try {
            try {
                f.handler().handleRequest(new ByteArrayInputStream(f.events().notification(change)), answer, null);
            } catch (RetryableFailureException e) {
                // The answer was written before the handler failed the invocation (so that Lambda
                // retries it); it says which objects failed and why, and the listener prints them.
                LOG.debug("the invocation for {} failed as retryable", change, e);
            }
            outcomes = f.json().readValue(answer.toByteArray(), FunctionAnswer.class).outcomes();
        } catch (IOException | RuntimeException e) {
            listener.invocationFailed(change, e);
            return;
        }
        listener.invoked(change, outcomes, Duration.ofNanos(System.nanoTime() - change.nanoTime()));
    }

    /** Lets queued invocations finish (bounded by {@link #DRAIN_TIMEOUT}), then closes the function. */
    @Override
    public void close() {
        executor.shutdown();
        function.cancel(false);
        try {
            if (!executor.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (function.isDone() && !function.isCancelled()) {
            function.join().handler().close();
        }
    }
}
