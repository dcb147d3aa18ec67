package io.thumbctl.cli.job;

import me.tongfei.progressbar.ProgressBar;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A job's progress on stderr, redrawn at each look: tasks done of the job's total (known once S3
 * has read the manifest), rate, elapsed time and ETA, the failures so far and the job's status.
 */
final class JobProgressBar implements Consumer<JobProgress>, AutoCloseable {

    private final ProgressBar bar;
    private final PrintWriter err;

    JobProgressBar(PrintWriter err, String jobId) {
        this.err = err;
        this.bar = StderrBar.open(err, "job " + (jobId.length() <= 8 ? jobId : jobId.substring(0, 8)), " tasks");
    }

    @Override
    public void accept(JobProgress job) {
        if (job.total() > 0) {
            bar.maxHint(job.total());
        }
        bar.stepTo(job.done());
        bar.setExtraMessage(" " + job.status() + ", failed " + job.failed());
    }

    @Override
    public void close() {
        StderrBar.close(bar, err);
    }
}
