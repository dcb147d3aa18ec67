package io.thumbctl.cli.local;

import io.thumbctl.thumbnail.OutcomeView;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * One line per object the function handled, as it happens, with the time from the write to the
 * end of the invocation:
 * <pre>
 * created     s3://photos/cat.jpg -> s3://photos/thumbnails/cat.jpg (128x96 image/jpeg) 84 ms
 * skipped     s3://photos/thumbnails/cat.jpg: recursion-guard 3 ms
 * </pre>
 */
final class OutcomePrinter implements InvocationListener {

    private final PrintWriter out;

    OutcomePrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void invoked(ObjectChange change, List<OutcomeView> outcomes, Duration sinceChange) {
        for (OutcomeView o : outcomes) {
            out.println(line(o) + " " + sinceChange.toMillis() + " ms");
        }
        out.flush();
    }

    @Override
    public void invocationFailed(ObjectChange change, Exception error) {
        out.println(String.format("%-11s s3://%s/%s: the invocation failed: %s", "error", change.bucket(),
                change.key(), error));
        out.flush();
    }

    @Override
    public synchronized void job(String line) {
        out.println(line);
        out.flush();
    }

    static String line(OutcomeView o) {
        StringBuilder line = new StringBuilder(String.format("%-11s s3://%s/%s", o.outcome(), o.bucket(), o.key()));
        if (o.thumbnailKey() != null) {
            line.append(" -> s3://").append(o.thumbnailBucket()).append('/').append(o.thumbnailKey());
        }
        if (o.reason() != null) {
            line.append(": ").append(o.reason());
        }
        if (Boolean.TRUE.equals(o.retryable())) {
            line.append(" (Lambda would retry this event)");
        }
        if (o.detail() != null) {
            line.append(" (").append(o.detail()).append(')');
        }
        if (o.renditions() != null) {
            for (OutcomeView.RenditionView r : o.renditions()) {
                line.append(String.format("%n  %-10s %-10s s3://%s/%s", r.name(), r.outcome(), o.thumbnailBucket(),
                        r.key()));
                if (r.size() != null) {
                    line.append(' ').append(r.size()).append(' ').append(r.contentType());
                }
                line.append(' ').append(r.bytes()).append(" bytes");
            }
        }
        return line.toString();
    }
}
