package io.thumbctl.cli.local;

import io.thumbctl.thumbnail.OutcomeView;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what the function did, so tests can wait for an outcome instead of sleeping. */
final class RecordingListener implements InvocationListener {

    /** Generous: the machine running the tests may be busy. The product promise (under a second) is measured by hand. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    record Invocation(ObjectChange change, OutcomeView outcome, Duration sinceChange) {
    }

    private final BlockingQueue<Invocation> invocations = new LinkedBlockingQueue<>();
    private final List<Invocation> seen = new ArrayList<>();
    private final List<String> allKeys = new CopyOnWriteArrayList<>();

    @Override
    public void invoked(ObjectChange change, List<OutcomeView> outcomes, Duration sinceChange) {
        allKeys.add(change.key());
        outcomes.forEach(o -> invocations.add(new Invocation(change, o, sinceChange)));
    }

    @Override
    public void invocationFailed(ObjectChange change, Exception error) {
        allKeys.add(change.key());
        invocations.add(new Invocation(change, new OutcomeView(change.bucket(), change.key(), "invocation-failed",
                error.toString(), null, null, null, null), Duration.ZERO));
    }

    /** Waits (at most {@link #TIMEOUT}) for the function's outcome for this object. */
    synchronized Invocation await(String bucket, String key) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (Invocation i : seen) {
            if (matches(i, bucket, key)) {
                seen.remove(i);
                return i;
            }
        }
        while (true) {
            Invocation next = invocations.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no outcome for s3://" + bucket + "/" + key + " within " + TIMEOUT
                        + "; saw " + seen);
            }
            if (matches(next, bucket, key)) {
                return next;
            }
            seen.add(next);
        }
    }

    /** Every key the function was invoked for so far. */
    List<String> seenKeys() {
        return List.copyOf(allKeys);
    }

    private static boolean matches(Invocation i, String bucket, String key) {
        return i.outcome().bucket().equals(bucket) && i.outcome().key().equals(key);
    }
}
