package io.thumbctl.event;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * An invocation's event, whatever its route.
 *
 * @param route  how it arrived, which decides the answer
 * @param items  its items, in event order; empty for a test event
 * @param batch  the Batch Operations invocation to echo; only for {@link Route#BATCH_OPERATIONS}
 */
public record ParsedEvent(Route route, List<EventItem> items, @Nullable BatchInvocation batch) {

    public ParsedEvent(Route route, List<EventItem> items) {
        this(route, items, null);
    }

    /** Every object change of every item, in order (reads each item's content). */
    public List<ObjectEvent> objects() {
        return items.stream().flatMap(i -> i.objects().stream()).toList();
    }

    /** What a Batch Operations answer echoes. */
    public record BatchInvocation(String invocationSchemaVersion, String invocationId) {
    }
}
