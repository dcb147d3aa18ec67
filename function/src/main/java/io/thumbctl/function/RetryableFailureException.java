package io.thumbctl.function;

import java.util.List;

/**
 * Thrown after every item was tried, when some failed in a way a retry can fix (throttling,
 * 5xx, network, access denied, an unexpected error, a message of no known shape). Failing the
 * invocation makes Lambda retry the event and finally send it to the on-failure destination
 * instead of losing it. The answer naming each object's outcome has been written before.
 */
public final class RetryableFailureException extends RuntimeException {
    public RetryableFailureException(List<String> failures) {
        super(failures.size() + " failure(s) should be retried: " + String.join(", ", failures));
    }
}
