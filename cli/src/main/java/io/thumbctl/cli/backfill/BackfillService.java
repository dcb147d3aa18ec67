package io.thumbctl.cli.backfill;

import io.thumbctl.cli.SourceListing;
import io.thumbctl.guard.Decision;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.StorageErrors;
import io.thumbctl.storage.StorageException;
import io.thumbctl.thumbnail.ObjectRef;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.ThumbnailService;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Makes the thumbnails that are missing or stale for the objects already in a bucket, with the
 * function's own {@link ThumbnailService}, so a backfilled thumbnail is the one the function would
 * have made.
 *
 * <p>With the same-bucket layout the thumbnails are not listed: {@link SourceListing} jumps over
 * them, so {@code scanned} counts sources only.
 *
 * <p>Memory does not grow with the bucket: the listing is read one page at a time on the calling
 * thread, and a semaphore lets at most {@code 2 x concurrency} objects be queued or in flight, so
 * the listing waits for the workers instead of piling up keys.
 *
 * <p>Idempotent and resumable: a thumbnail whose {@code thumbctl-source-etag} matches the source
 * is left alone, so a second run creates nothing and a run that was stopped half-way, started
 * again, does the rest. Writes go only to thumbnail keys (the service's contract); sources are
 * only read.
 */
public final class BackfillService {

    /** Enough to hide S3 latency on a laptop or a 1-2 vCPU Lambda, well under the HTTP pool's 50. */
    public static final int DEFAULT_CONCURRENCY = 16;
    /** Failed keys kept for the summary; the count is always exact. */
    public static final int MAX_FAILURES_KEPT = 1000;

    private final ObjectStore store;
    private final KeyPolicy policy;
    private final ThumbnailService thumbnails;

    public BackfillService(ObjectStore store, KeyPolicy policy, ThumbnailService thumbnails) {
        this.store = store;
        this.policy = policy;
        this.thumbnails = thumbnails;
    }

    /**
     * Runs to the end of the listing, or until the calling thread is interrupted: then it stops
     * listing, lets the objects in flight finish, and returns a summary marked interrupted.
     *
     * @throws StorageException when the listing itself fails (no such bucket, access denied,
     *                          network): nothing sensible can go on without it
     */
    public BackfillSummary run(BackfillRequest request, BackfillListener listener) {
        long started = System.nanoTime();
        Tally tally = new Tally();
        BackfillListener counted = tally.and(listener);
        ExecutorService workers = Executors.newFixedThreadPool(request.concurrency(), new WorkerThreads());
        Semaphore window = new Semaphore(2 * request.concurrency());
        boolean interrupted = false;
        try (Stream<ObjectInfo> listing = SourceListing.of(store, policy.settings(), request.bucket(), request.prefix())) {
            Iterator<ObjectInfo> objects = listing.iterator();
            while (objects.hasNext()) {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    break;
                }
                ObjectInfo object = objects.next();
                tally.scanned.increment();
                ObjectRef source = new ObjectRef(object.bucket(), object.key(), object.size(), object.etag());
                Decision decision = policy.decide(source.bucket(), source.key(), source.size());
                if (!decision.shouldProcess()) {
                    counted.finished(new Outcome.Skipped(source, decision.skipReason()));
                    continue;
                }
                try {
                    window.acquire();
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
                workers.execute(() -> {
                    try {
                        if (request.dryRun()) {
                            plan(source, counted);
                        } else {
                            counted.finished(thumbnails.create(source));
                        }
                    } finally {
                        window.release();
                    }
                });
            }
        } catch (StorageException e) {
            // An interrupt that lands while the next page is on the wire aborts that request.
            if (!Thread.currentThread().isInterrupted() && !StorageErrors.INTERRUPTED.equals(e.reason())) {
                throw e;
            }
            interrupted = true;
        } finally {
            finish(workers);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return tally.summary(request, interrupted, (System.nanoTime() - started) / 1e9);
    }

    /** The dry-run decision: the service's own freshness check (one HEAD), nothing written. */
    private void plan(ObjectRef source, BackfillListener listener) {
        String targetBucket = thumbnails.thumbnailBucket(source);
        String thumbnailKey = thumbnails.thumbnailKey(source);
        try {
            switch (thumbnails.inspect(source)) {
                case MISSING -> listener.planned(new PlannedThumbnail(source, targetBucket, thumbnailKey, false));
                case STALE -> listener.planned(new PlannedThumbnail(source, targetBucket, thumbnailKey, true));
                case UP_TO_DATE -> listener.finished(new Outcome.UpToDate(source, targetBucket, thumbnailKey));
                case FOREIGN -> listener.finished(new Outcome.Failed(source, ThumbnailService.FOREIGN_OBJECT, false,
                        "s3://" + targetBucket + "/" + thumbnailKey + " exists but was not written by thumbctl"));
            }
        } catch (StorageException e) {
            listener.finished(new Outcome.Failed(source, e.reason(), e.retryable(), e.getMessage()));
        }
    }

    /** Waits for the objects in flight, even when this thread was interrupted: they are short. */
    private static void finish(ExecutorService workers) {
        workers.shutdown();
        boolean wasInterrupted = Thread.interrupted();
        try {
            while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                // still working: S3 calls carry their own timeouts, so this ends
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            wasInterrupted = true;
        }
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts outcomes as they come from the workers. */
    private static final class Tally implements BackfillListener {
        final LongAdder scanned = new LongAdder();
        final LongAdder created = new LongAdder();
        final LongAdder upToDate = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder wouldCreate = new LongAdder();
        final LongAdder wouldRefresh = new LongAdder();
        final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
        final List<BackfillSummary.Failure> failures = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void finished(Outcome outcome) {
            if (Outcome.CREATED.equals(outcome.name())) {
                created.increment();
            } else if (Outcome.UP_TO_DATE.equals(outcome.name())) {
                upToDate.increment();
            } else if (outcome instanceof Outcome.Skipped s) {
                skipped.computeIfAbsent(s.reason(), r -> new LongAdder()).increment();
            } else if (outcome instanceof Outcome.Failed f) {
                failed.increment();
                if (failures.size() < MAX_FAILURES_KEPT) {
                    failures.add(new BackfillSummary.Failure(f.source().key(), f.reason(), f.retryable()));
                }
            }
        }

        @Override
        public void planned(PlannedThumbnail plan) {
            (plan.refresh() ? wouldRefresh : wouldCreate).increment();
        }

        BackfillSummary summary(BackfillRequest request, boolean interrupted, double seconds) {
            Map<String, Long> skips = new TreeMap<>();
            skipped.forEach((reason, n) -> skips.put(reason, n.sum()));
            List<BackfillSummary.Failure> failedKeys;
            synchronized (failures) {
                failedKeys = List.copyOf(failures);
            }
            return new BackfillSummary(request.bucket(), request.prefix(), request.dryRun(), scanned.sum(),
                    created.sum(), upToDate.sum(), skips, failed.sum(), failedKeys, wouldCreate.sum(),
                    wouldRefresh.sum(), interrupted, seconds);
        }
    }

    private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "backfill-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
