package io.thumbctl.cli.local.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Hands one job's tasks to the pool all jobs share, at most {@code concurrency} of them at a time,
 * and waits for them. Local mode stopping interrupts the job's thread: the tasks still running get
 * {@link #STOP_WAIT} to finish their report rows, and the queued ones the pool dropped give their
 * slot back ({@link Slot#dropped}), so nothing is left waiting.
 */
final class TaskScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(TaskScheduler.class);

    /** How long a stopping job lets its running tasks finish their report rows. */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /**
     * A task on the shared pool, holding one of its job's slots until it has run, or until the
     * pool drops it unrun ({@code shutdownNow} hands the queued ones back to {@link LocalJobs}).
     */
    static final class Slot implements Runnable {
        private final Semaphore slots;
        private final Runnable work;
        private final AtomicBoolean released = new AtomicBoolean();

        Slot(Semaphore slots, Runnable work) {
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

    private final ExecutorService pool;
    private final int concurrency;

    TaskScheduler(ExecutorService pool, int concurrency) {
        this.pool = pool;
        this.concurrency = concurrency;
    }

    /**
     * @param stop checked before each task: once true, no more tasks start
     * @return the number of tasks handed to the pool
     * @throws InterruptedException when local mode stops
     */
    long run(TaskList list, BooleanSupplier stop, Consumer<TaskList.Task> task, String jobId)
            throws IOException, InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        long started = 0;
        try (TaskList.Reader tasks = list.reader()) {
            for (TaskList.Task next : tasks) {
                if (stop.getAsBoolean()) {
                    break;
                }
                slots.acquire();
                try {
                    pool.execute(new Slot(slots, () -> task.accept(next)));
                } catch (RejectedExecutionException stopping) {
                    slots.release();
                    throw new InterruptedException("local mode stopped the task pool");
                }
                started++;
            }
            slots.acquire(concurrency);
        } catch (InterruptedException stopping) {
            if (!slots.tryAcquire(concurrency, STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("job {}: tasks still running {} s after local mode stopped", jobId, STOP_WAIT.toSeconds());
            }
            throw stopping;
        }
        return started;
    }
}
