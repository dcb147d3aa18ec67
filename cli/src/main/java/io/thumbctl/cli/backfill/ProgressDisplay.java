package io.thumbctl.cli.backfill;

import io.thumbctl.cli.SourceListing;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.thumbnail.Outcome;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The progress bar on stderr: keys done of keys in the bucket, rate, ETA, and the counts so far.
 * The backfill streams its listing, so the total is not known up front; a second, read-only
 * listing counts the keys in the background (one LIST per 1,000 keys) and gives the bar its
 * total, and with it the ETA, when it is done. Until then the bar shows the count without a total.
 */
final class ProgressDisplay implements BackfillListener, AutoCloseable {

    private static final int DEFAULT_WIDTH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ProgressDisplay.class);

    private final ProgressBar bar;
    private final Thread counter;
    private final PrintWriter err;
    private final LongAdder created = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicBoolean counted = new AtomicBoolean();

    ProgressDisplay(PrintWriter err, ObjectStore store, ThumbnailSettings settings, BackfillRequest request) {
        this.err = err;
        this.bar = new ProgressBarBuilder()
                .setTaskName(request.dryRun() ? "dry run" : "backfill")
                .setInitialMax(-1)
                .setUnit(" keys", 1)
                .showSpeed()
                .setUpdateIntervalMillis(200)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    // Redraw in place: the bar owns this line of the terminal.
                    err.print('\r');
                    err.print(line);
                    err.flush();
                }, terminalWidth()))
                .build();
        this.counter = new Thread(() -> {
            try (Stream<ObjectInfo> listing = SourceListing.of(store, settings, request.bucket(), request.prefix())) {
                long total = listing.count();
                if (counted.compareAndSet(false, true)) {
                    bar.maxHint(total);
                }
            } catch (RuntimeException e) {
                // The backfill's own listing reports S3 trouble, once; the bar goes on without a total.
                LOG.debug("cannot count the keys of s3://{}/{} for the progress bar; it shows no total",
                        request.bucket(), request.prefix(), e);
            }
        }, "backfill-count");
        counter.setDaemon(true);
        counter.start();
    }

    @Override
    public void finished(Outcome outcome) {
        if (Outcome.CREATED.equals(outcome.name())) {
            created.increment();
        } else if (outcome instanceof Outcome.Failed) {
            failed.increment();
        }
        step();
    }

    @Override
    public void planned(PlannedThumbnail plan) {
        created.increment();
        step();
    }

    private void step() {
        bar.setExtraMessage(" created " + created.sum() + ", failed " + failed.sum());
        bar.step();
    }

    @Override
    public void close() {
        // A run quicker than the count: every key it listed is done, so that is the total. Claim
        // the total before stopping the counter, so that a count cut short cannot overwrite it.
        if (counted.compareAndSet(false, true)) {
            bar.maxHint(bar.getCurrent());
        }
        counter.interrupt();
        bar.close();
        err.println();
        err.flush();
    }

    private static int terminalWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? DEFAULT_WIDTH : Math.max(40, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            LOG.debug("COLUMNS is not a number; the bar is {} wide", DEFAULT_WIDTH, e);
            return DEFAULT_WIDTH;
        }
    }
}
