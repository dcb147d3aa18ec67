package io.thumbctl.function;

import io.thumbctl.event.EventItem;
import io.thumbctl.event.EventReader;
import io.thumbctl.event.InvalidEventException;
import io.thumbctl.event.ParsedEvent;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * One invocation, whatever its route: reads the event, handles every item (one item's trouble
 * never stops the others), and builds the answer the event's source expects.
 */
@Singleton
public class Invocations {

    private final EventReader events;
    private final ItemRunner items;

    public Invocations(EventReader events, ItemRunner items) {
        this.events = events;
        this.items = items;
    }

    /** @throws InvalidEventException when the event is of no known shape (the invocation fails) */
    public Reply handle(byte[] event) {
        ParsedEvent parsed = events.read(event);
        List<ItemResult> results = new ArrayList<>(parsed.items().size());
        for (EventItem item : parsed.items()) {
            results.add(items.run(parsed.route(), item));
        }
        return switch (parsed.route()) {
            case SQS -> Answers.sqs(results);
            case BATCH_OPERATIONS -> Answers.batchOperations(parsed.batch(), results);
            case S3, S3_TEST_EVENT, SNS, EVENTBRIDGE -> Answers.outcomes(results);
        };
    }
}
