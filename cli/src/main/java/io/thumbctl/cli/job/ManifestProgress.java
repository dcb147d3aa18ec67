package io.thumbctl.cli.job;

import me.tongfei.progressbar.ProgressBar;

import java.io.PrintWriter;
import java.util.function.LongConsumer;

/** Keys listed so far while thumbctl writes a CSV manifest, on stderr (the total is not known before the end). */
final class ManifestProgress implements LongConsumer, AutoCloseable {

    private final ProgressBar bar;
    private final PrintWriter err;

    ManifestProgress(PrintWriter err) {
        this.err = err;
        this.bar = StderrBar.open(err, "listing", " keys");
    }

    @Override
    public void accept(long listed) {
        bar.stepTo(listed);
    }

    @Override
    public void close() {
        StderrBar.close(bar, err);
    }
}
