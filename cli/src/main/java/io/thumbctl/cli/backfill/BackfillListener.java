package io.thumbctl.cli.backfill;

import io.thumbctl.thumbnail.Outcome;

/** Hears about every listed object as it is finished. Called from worker threads. */
public interface BackfillListener {

    /** An object is done: created, up to date, skipped or failed. */
    void finished(Outcome outcome);

    /** Dry run: the thumbnail of this object would be written. */
    void planned(PlannedThumbnail plan);

    BackfillListener NONE = new BackfillListener() {
        @Override
        public void finished(Outcome outcome) {
        }

        @Override
        public void planned(PlannedThumbnail plan) {
        }
    };

    default BackfillListener and(BackfillListener other) {
        BackfillListener first = this;
        return new BackfillListener() {
            @Override
            public void finished(Outcome outcome) {
                first.finished(outcome);
                other.finished(outcome);
            }

            @Override
            public void planned(PlannedThumbnail plan) {
                first.planned(plan);
                other.planned(plan);
            }
        };
    }
}
