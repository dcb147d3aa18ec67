package io.thumbctl.image;

import javax.imageio.ImageReader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time bound of one render running on the calling thread. When it passes, the ImageIO reader
 * in use is aborted and the rendering thread is interrupted; {@link #check()} in the Java loops
 * turns that into a {@code render-timeout}. One timer thread serves every render: it only flips
 * flags, it never renders, so it stays idle and small whatever the images do.
 */
final class RenderDeadline {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "thumbctl-render-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final Thread renderer = Thread.currentThread();
    private ScheduledFuture<?> alarm;
    private ImageReader reader;
    private boolean finished;
    private boolean passed;

    private RenderDeadline() {
    }

    static RenderDeadline start(long millis) {
        RenderDeadline deadline = new RenderDeadline();
        deadline.alarm = TIMER.schedule(deadline::pass, millis, TimeUnit.MILLISECONDS);
        return deadline;
    }

    /** Where the rendering thread is, in a loop of ours: stops the render once its deadline passed. */
    static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new RetryableRenderException(RetryableRenderException.TIMEOUT,
                    "the render was stopped: its time ran out", null);
        }
    }

    /** The reader about to read pixels, so that the deadline can abort it. */
    synchronized void watch(ImageReader busy) {
        reader = busy;
        if (passed) {
            busy.abort();
        }
    }

    // Under the lock, so that finish() never returns between the flag and the interrupt.
    private synchronized void pass() {
        if (finished) {
            return;
        }
        passed = true;
        if (reader != null) {
            reader.abort();
        }
        renderer.interrupt();
    }

    /**
     * Ends the deadline, on the rendering thread; clears the interrupt it delivered, so the
     * caller's thread goes on as it came in.
     *
     * @return whether the deadline passed during the render
     */
    synchronized boolean finish() {
        if (finished) {
            return passed;
        }
        finished = true;
        alarm.cancel(false);
        if (passed) {
            Thread.interrupted();
        }
        return passed;
    }
}
