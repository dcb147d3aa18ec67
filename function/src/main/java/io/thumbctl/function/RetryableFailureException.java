package io.thumbctl.function;

import io.thumbctl.thumbnail.Outcome;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown after every record was tried, when some failed in a way a retry can fix (throttling,
 * 5xx, network, access denied). Failing the invocation makes Lambda retry the event and finally
 * send it to the on-failure destination instead of losing it.
 */
public final class RetryableFailureException extends RuntimeException {
    public RetryableFailureException(List<Outcome> failed) {
        super(failed.size() + " object(s) failed and should be retried: " + failed.stream()
                .map(o -> "s3://" + o.source().bucket() + "/" + o.source().key() + " (" + o.reason() + ")")
                .collect(Collectors.joining(", ")));
    }
}
