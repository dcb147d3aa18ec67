package io.thumbctl.function;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.thumbnail.Outcome;

import java.util.List;

/**
 * The function's answer to one invocation.
 *
 * @param body    the JSON document the event's source expects
 * @param items   what happened to each item of the event, in event order
 * @param failure thrown after the body is written, to fail the invocation so that Lambda retries
 *                it; null when the invocation succeeds
 */
public record Reply(Object body, List<ItemResult> items, @Nullable RetryableFailureException failure) {

    /** Every object outcome, in event order. */
    public List<Outcome> outcomes() {
        return items.stream().flatMap(r -> r.outcomes().stream()).toList();
    }
}
