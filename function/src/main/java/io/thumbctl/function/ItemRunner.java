package io.thumbctl.function;

import io.thumbctl.event.EventItem;
import io.thumbctl.event.InvalidEventException;
import io.thumbctl.event.ObjectEvent;
import io.thumbctl.event.Route;
import io.thumbctl.logging.OutcomeLog;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.ThumbnailService;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;

/**
 * Handles one event item: reads its object changes and hands each to the
 * {@link ThumbnailService}. Never throws for the item's trouble: an item whose content cannot be
 * read, or an object whose handling throws, becomes a retryable failure of that item alone, so
 * the other items are still handled and nothing unexpected is ever acknowledged as done.
 */
@Singleton
public class ItemRunner {

    /** Reason of an item whose content is of no known shape. */
    public static final String INVALID_EVENT = "invalid-event";
    /** Logging context entries set while an item is handled. */
    static final String MDC_ROUTE = "route";
    static final String MDC_ITEM = "item";

    private final ThumbnailService thumbnails;
    private final OutcomeLog log;

    public ItemRunner(ThumbnailService thumbnails, OutcomeLog log) {
        this.thumbnails = thumbnails;
        this.log = log;
    }

    public ItemResult run(Route route, EventItem item) {
        MDC.put(MDC_ROUTE, route.word());
        MDC.put(MDC_ITEM, item.id());
        try {
            List<ObjectEvent> objects;
            try {
                objects = item.objects();
            } catch (RuntimeException e) {
                // The content is not of a shape we know (or reading it broke): the item comes
                // back, and after its retries reaches the dead-letter queue, never dropped.
                log.unhandled(route.word(), item.id(), INVALID_EVENT, e.getMessage(),
                        e instanceof InvalidEventException ? null : e);
                return new ItemResult(item.id(), List.of(), List.of(INVALID_EVENT + ": " + e.getMessage()));
            }
            List<Outcome> outcomes = new ArrayList<>(objects.size());
            for (ObjectEvent object : objects) {
                try {
                    Outcome outcome = handle(object);
                    if (outcome != null) {
                        log.record(outcome);
                        outcomes.add(outcome);
                    }
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                    // A bug, or the heap ran out outside the service: not a verdict on the object.
                    // Retry it (this item alone) rather than acknowledge it, or fail the whole batch.
                    log.unhandled(route.word(), item.id(), ThumbnailService.INTERNAL_ERROR,
                            "s3://" + object.object().bucket() + "/" + object.object().key() + ": " + e, e);
                    outcomes.add(new Outcome.Failed(object.object(), ThumbnailService.INTERNAL_ERROR, true, e.toString()));
                }
            }
            return new ItemResult(item.id(), outcomes, List.of());
        } finally {
            MDC.remove(MDC_ROUTE);
            MDC.remove(MDC_ITEM);
        }
    }

    private Outcome handle(ObjectEvent object) {
        return switch (object.action()) {
            case CREATED -> thumbnails.createUploaded(object.object());
            case BACKFILL -> thumbnails.create(object.object());
            case REMOVED -> thumbnails.remove(object.object());
            case IGNORED -> null;
        };
    }
}
