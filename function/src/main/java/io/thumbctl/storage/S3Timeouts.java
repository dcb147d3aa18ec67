package io.thumbctl.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.thumbctl.config.InvalidSettingsException;

import java.time.Duration;

/**
 * Bounds on every S3 call ({@code thumbnail.s3.*}): without them a server that accepts a request
 * and never answers, or trickles its answer, holds the caller until Lambda's own timeout, and the
 * SDK's retries multiply the wait.
 *
 * @param callTimeout    the whole call, retries included ({@code THUMBNAIL_S3_CALL_TIMEOUT})
 * @param attemptTimeout one attempt; the SDK retries a timed-out attempt while the call has time
 *                       ({@code THUMBNAIL_S3_ATTEMPT_TIMEOUT})
 */
@ConfigurationProperties("thumbnail.s3")
public record S3Timeouts(@Bindable(defaultValue = "20s") Duration callTimeout,
                         @Bindable(defaultValue = "10s") Duration attemptTimeout) {

    public S3Timeouts {
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()
                || attemptTimeout == null || attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new InvalidSettingsException("THUMBNAIL_S3_CALL_TIMEOUT and THUMBNAIL_S3_ATTEMPT_TIMEOUT "
                    + "(thumbnail.s3.call-timeout, thumbnail.s3.attempt-timeout) must be positive durations such as "
                    + "20s; got " + callTimeout + " and " + attemptTimeout);
        }
    }

    /** Far above an honest 100 MB GET from S3 in the same region, far below Lambda's timeouts. */
    public static S3Timeouts defaults() {
        return new S3Timeouts(Duration.ofSeconds(20), Duration.ofSeconds(10));
    }
}
