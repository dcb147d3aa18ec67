package io.thumbctl.logging;

import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.OutcomeView;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.NOPLogger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per object outcome, carrying {@code bucket}, {@code key}, {@code outcome} and,
 * where there is one, {@code reason}, as separate fields; and one line per event item that could
 * not be handled at all (a message of no known shape, an unexpected error), with its
 * {@code item} id, so that an operator can find the message a dead-letter queue holds.
 */
@Singleton
public class OutcomeLog {

    private static final Logger OUTCOMES = LoggerFactory.getLogger("io.thumbctl.outcome");

    private final Logger log;

    public OutcomeLog() {
        this(OUTCOMES);
    }

    private OutcomeLog(Logger log) {
        this.log = log;
    }

    /** Writes nothing: for SnapStart priming, whose sample events are not real work. */
    public static OutcomeLog silent() {
        return new OutcomeLog(NOPLogger.NOP_LOGGER);
    }

    public void record(Outcome outcome) {
        OutcomeView view = OutcomeView.of(outcome);
        Level level = outcome instanceof Outcome.Failed f ? (f.retryable() ? Level.ERROR : Level.WARN)
                : outcome instanceof Outcome.Created c && c.warning() != null ? Level.WARN
                : outcome instanceof Outcome.Renditions r && r.warning() != null ? Level.WARN : Level.INFO;
        LoggingEventBuilder line = log.atLevel(level)
                .addKeyValue("bucket", view.bucket())
                .addKeyValue("key", view.key())
                .addKeyValue("outcome", view.outcome());
        if (view.reason() != null) {
            line = line.addKeyValue("reason", view.reason());
        }
        if (outcome instanceof Outcome.Created created) {
            line = line.addKeyValue("decodePath", created.decodePath());
            if (created.warning() != null) {
                // A thumbnail made, but not quite as asked: WARN, so it shows beside the failures.
                line = line.addKeyValue("warning", created.warning());
            }
        }
        if (outcome instanceof Outcome.Renditions renditions) {
            if (renditions.decodePath() != null) {
                line = line.addKeyValue("decodePath", renditions.decodePath());
            }
            if (renditions.warning() != null) {
                line = line.addKeyValue("warning", renditions.warning());
            }
            line = line.addKeyValue("renditions", view.renditions().stream()
                    .map(r -> r.name() + " " + r.outcome()).toList().toString());
        }
        if (view.thumbnailKey() != null) {
            line = line.addKeyValue("thumbnailBucket", view.thumbnailBucket())
                    .addKeyValue("thumbnailKey", view.thumbnailKey());
        }
        line.log(describe(outcome));
    }

    /**
     * An event item that was not handled: it comes back (retry, dead-letter queue) rather than
     * being acknowledged. The caller has the item's {@code route} and {@code item} id in the
     * logging context (MDC), which the JSON layout writes as fields.
     *
     * @param route   how the event arrived ({@code sqs}, {@code batch-operations}, ...)
     * @param item    the item's id in its source (SQS message id, Batch Operations task id, ...)
     * @param reason  {@code invalid-event} or {@code internal-error}
     * @param problem what went wrong
     */
    public void unhandled(String route, String item, String reason, String problem, Throwable cause) {
        log.atError()
                .addKeyValue("outcome", "failed")
                .addKeyValue("reason", reason)
                .setCause(cause)
                .log("not handled: " + route + " item " + item + ": " + problem);
    }

    /** One line saying what happened to the object, as in the log and in Batch Operations reports. */
    public static String describe(Outcome outcome) {
        OutcomeView view = OutcomeView.of(outcome);
        String where = "s3://" + view.bucket() + "/" + view.key();
        if (view.renditions() != null) {
            return view.outcome().equals("created") ? "renditions made for " + where + " (" + view.detail() + ")"
                    : "renditions of " + where + " are up to date";
        }
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
