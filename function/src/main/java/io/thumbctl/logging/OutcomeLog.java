package io.thumbctl.logging;

import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.OutcomeView;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per object outcome, carrying {@code bucket}, {@code key}, {@code outcome} and,
 * where there is one, {@code reason}, as separate fields.
 */
@Singleton
public class OutcomeLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.thumbctl.outcome");

    public void record(Outcome outcome) {
        OutcomeView view = OutcomeView.of(outcome);
        Level level = outcome instanceof Outcome.Failed f ? (f.retryable() ? Level.ERROR : Level.WARN) : Level.INFO;
        LoggingEventBuilder line = LOG.atLevel(level)
                .addKeyValue("bucket", view.bucket())
                .addKeyValue("key", view.key())
                .addKeyValue("outcome", view.outcome());
        if (view.reason() != null) {
            line = line.addKeyValue("reason", view.reason());
        }
        if (outcome instanceof Outcome.Created created) {
            line = line.addKeyValue("decodePath", created.decodePath());
        }
        if (view.thumbnailKey() != null) {
            line = line.addKeyValue("thumbnailBucket", view.thumbnailBucket())
                    .addKeyValue("thumbnailKey", view.thumbnailKey());
        }
        line.log(message(view));
    }

    private static String message(OutcomeView view) {
        String where = "s3://" + view.bucket() + "/" + view.key();
        return switch (view.outcome()) {
            case "created" -> "thumbnail created for " + where + " (" + view.detail() + ")";
            case "up-to-date" -> "thumbnail of " + where + " is up to date";
            case "skipped" -> "skipped " + where + ": " + view.reason();
            case "deleted" -> "thumbnail of removed " + where + " deleted";
            case "nothing-to-delete" -> "removed " + where + " had no thumbnail";
            default -> "failed " + where + ": " + view.reason() + (view.detail() == null ? "" : " - " + view.detail());
        };
    }
}
