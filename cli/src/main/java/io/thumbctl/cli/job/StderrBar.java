package io.thumbctl.cli.job;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintWriter;

/** The job commands' progress bars: redrawn in place on stderr, as wide as the terminal says ({@code COLUMNS}). */
final class StderrBar {

    private StderrBar() {
    }

    /** A bar without a total yet ({@link ProgressBar#maxHint} gives it one). */
    static ProgressBar open(PrintWriter err, String task, String unit) {
        DelegatingProgressBarConsumer redraw = new DelegatingProgressBarConsumer(line -> {
            err.print("\r" + line);
            err.flush();
        }, width(System.getenv("COLUMNS")));
        return new ProgressBarBuilder().setTaskName(task).setUnit(unit, 1).setInitialMax(-1).showSpeed()
                .setUpdateIntervalMillis(500).setConsumer(redraw).build();
    }

    /** Closes the bar and leaves its last state on a line of its own. */
    static void close(ProgressBar bar, PrintWriter err) {
        bar.close();
        err.println();
        err.flush();
    }

    static int width(String columns) {
        if (columns != null && columns.trim().matches("\\d{1,4}")) {
            return Math.max(40, Integer.parseInt(columns.trim()));
        }
        return 100;
    }
}
