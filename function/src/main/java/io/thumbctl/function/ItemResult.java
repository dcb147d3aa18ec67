package io.thumbctl.function;

import io.thumbctl.thumbnail.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one event item (an S3 record, an SNS record, an SQS message, an EventBridge
 * event, a Batch Operations task).
 *
 * @param id       the item's id in its source
 * @param outcomes one per object the item named, in order
 * @param problems why the item, or an object of it, could not be handled at all (content of no
 *                 known shape, an unexpected error); such items always come back for a retry
 */
public record ItemResult(String id, List<Outcome> outcomes, List<String> problems) {

    public ItemResult {
        outcomes = List.copyOf(outcomes);
        problems = List.copyOf(problems);
    }

    /** Whether a retry may fix it: a problem, or an object that failed retryably. */
    public boolean retryable() {
        return !problems.isEmpty() || outcomes.stream().anyMatch(o -> o instanceof Outcome.Failed f && f.retryable());
    }

    /** Whether an object failed for a reason a retry cannot fix (and nothing retryable happened). */
    public boolean permanentlyFailed() {
        return !retryable() && outcomes.stream().anyMatch(o -> o instanceof Outcome.Failed);
    }

    /** What went wrong, for the invocation's error message: each problem and retryable failure. */
    List<String> retryableFailures() {
        List<String> failures = new ArrayList<>(problems.stream().map(p -> id + ": " + p).toList());
        outcomes.stream()
                .filter(o -> o instanceof Outcome.Failed f && f.retryable())
                .map(o -> "s3://" + o.source().bucket() + "/" + o.source().key() + " (" + o.reason() + ")")
                .forEach(failures::add);
        return failures;
    }
}
