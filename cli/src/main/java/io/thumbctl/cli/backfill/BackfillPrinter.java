package io.thumbctl.cli.backfill;

import io.thumbctl.cli.output.ResultWriter;
import io.thumbctl.cli.output.SummaryLines;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.OutcomeView;

import java.util.Locale;

/**
 * Prints a backfill as it goes: each created or failed object (with {@code --dry-run}, each
 * thumbnail it would write), then the summary. Called from the worker threads.
 */
final class BackfillPrinter implements BackfillListener {

    private final ResultWriter out;

    BackfillPrinter(ResultWriter out) {
        this.out = out;
    }

    @Override
    public void finished(Outcome outcome) {
        if (Outcome.CREATED.equals(outcome.name()) || outcome instanceof Outcome.Failed) {
            OutcomeView view = OutcomeView.of(outcome);
            out.item(view, view.outcome() + "\t" + view.key()
                    + (view.reason() == null ? "" : "\t" + view.reason() + ": " + view.detail()));
        }
    }

    @Override
    public void planned(PlannedThumbnail plan) {
        out.item(new OutcomeView(plan.source().bucket(), plan.source().key(), plan.action(), null,
                plan.thumbnailBucket(), plan.thumbnailKey(), null, null), plan.action() + "\t" + plan.source().key());
    }

    /** A rendition no longer configured, deleted by {@code --prune} (or, in a dry run, to be). */
    void pruned(ObjectInfo object, boolean dryRun) {
        String action = dryRun ? "would-prune" : "pruned";
        out.item(new OutcomeView(object.bucket(), object.key(), action, null, object.bucket(), object.key(), null,
                null), action + "\t" + object.key());
    }

    /** Ends the output. */
    void summary(BackfillSummary s) {
        SummaryLines text = new SummaryLines(String.format(Locale.ROOT, "%s s3://%s/%s: %d keys scanned in %.1f s%s",
                s.dryRun() ? "dry run of" : "backfill of", s.bucket(), s.prefix(), s.scanned(), s.seconds(),
                s.interrupted() ? " (interrupted: run again to finish)" : ""), 15);
        if (s.dryRun()) {
            text.figure("would create", s.wouldCreate()).figure("would refresh", s.wouldRefresh());
        } else {
            text.figure("created", s.created());
        }
        text.figure("up to date", s.upToDate()).counted("skipped", s.skipped()).figure("failed", s.failed());
        if (s.pruned() > 0) {
            text.figure(s.dryRun() ? "would prune" : "pruned", s.pruned());
        }
        s.failures().forEach(f -> text.detail(f.key() + "\t" + f.reason()));
        if (s.failed() > s.failures().size()) {
            text.detail("... and " + (s.failed() - s.failures().size()) + " more");
        }
        out.summary(s, text.lines());
    }
}
