package io.thumbctl.event;

import java.util.List;
import java.util.function.Supplier;

/**
 * One unit of an event that its source accounts for on its own: an S3 record, an SNS record, an
 * SQS message, an EventBridge event, a Batch Operations task. Its objects are read when the
 * handler asks for them, so that an item whose content cannot be read fails alone, and the
 * others are still handled.
 *
 * @param id      what the source calls it: the SQS message id, the Batch Operations task id,
 *                the SNS message id, the EventBridge event id, or {@code Records[i]}
 * @param content reads the item's object changes; throws {@link InvalidEventException} when the
 *                item is not of a shape we know
 */
public record EventItem(String id, Supplier<List<ObjectEvent>> content) {

    public static EventItem of(String id, List<ObjectEvent> objects) {
        List<ObjectEvent> copy = List.copyOf(objects);
        return new EventItem(id, () -> copy);
    }

    /** @throws InvalidEventException when the item's content is not of a known shape */
    public List<ObjectEvent> objects() {
        return content.get();
    }
}
