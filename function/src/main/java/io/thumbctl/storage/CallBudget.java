package io.thumbctl.storage;

import java.time.Duration;
import java.util.Optional;

/**
 * How long the S3 calls made on this thread may still take in all, so that one invocation's calls
 * end in time for it to answer, and fail, while Lambda still listens: a hung call then costs the
 * object it was for, not the whole invocation. {@link S3ObjectStore} cuts every call's timeout to
 * what is left and refuses to start a call once nothing is.
 *
 * <p>Per thread, because an invocation's S3 calls all run on the thread that handles it.
 */
public final class CallBudget {

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private CallBudget() {
    }

    /** Until the returned scope is closed, S3 calls on this thread share {@code budget}. */
    public static Scope of(Duration budget) {
        Long outer = DEADLINE.get();
        DEADLINE.set(System.nanoTime() + budget.toNanos());
        return () -> {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        };
    }

    /**
     * What is left of this thread's budget (negative once spent); empty when none was set (no
     * limit but each call's own). Work between S3 calls (a render) is bounded by it too: a
     * thumbnail finished after the budget is spent could not be written anyway.
     */
    public static Optional<Duration> remaining() {
        Long deadline = DEADLINE.get();
        return deadline == null ? Optional.empty() : Optional.of(Duration.ofNanos(deadline - System.nanoTime()));
    }

    /** Ends the budget's reach; try-with-resources. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
