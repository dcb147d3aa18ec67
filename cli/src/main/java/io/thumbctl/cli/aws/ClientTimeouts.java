package io.thumbctl.cli.aws;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.thumbctl.config.InvalidSettingsException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

import java.time.Duration;

/**
 * Bounds on every AWS call the CLI makes ({@code thumbctl.aws.*}, or {@code THUMBCTL_AWS_*}).
 * Without them an endpoint that accepts a connection and never answers held a command for
 * 4 attempts of the HTTP client's 30 s socket timeout, 122 s in all; with the defaults a command
 * gives up on such an endpoint after {@code callTimeout}, 45 s, and exits 3.
 *
 * @param attemptTimeout one attempt; the SDK retries a timed-out attempt while the call has time
 * @param callTimeout    the whole call, retries and their pauses included
 * @param connectTimeout opening a connection (the HTTP client's)
 * @param socketTimeout  the longest silence while reading an answer (the HTTP client's); it also
 *                       bounds each read of a streamed download, which the call timeout does not
 */
@ConfigurationProperties("thumbctl.aws")
public record ClientTimeouts(@Bindable(defaultValue = "20s") Duration attemptTimeout,
                             @Bindable(defaultValue = "45s") Duration callTimeout,
                             @Bindable(defaultValue = "5s") Duration connectTimeout,
                             @Bindable(defaultValue = "20s") Duration socketTimeout) {

    /**
     * The slowest upload a transfer is given time for: an upload's timeouts grow by its size at
     * this rate, so a 64 MiB manifest part is not cut off on a slow line.
     */
    static final long MIN_UPLOAD_BYTES_PER_SECOND = 256 * 1024;

    public ClientTimeouts {
        for (Duration d : new Duration[]{attemptTimeout, callTimeout, connectTimeout, socketTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new InvalidSettingsException("thumbctl.aws.attempt-timeout, call-timeout, connect-timeout and "
                        + "socket-timeout must be positive durations such as 20s; got " + attemptTimeout + ", "
                        + callTimeout + ", " + connectTimeout + " and " + socketTimeout);
            }
        }
    }

    public static ClientTimeouts defaults() {
        return new ClientTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(45), Duration.ofSeconds(5),
                Duration.ofSeconds(20));
    }

    /** A client's configuration with these call and attempt timeouts. */
    public ClientOverrideConfiguration applyTo(ClientOverrideConfiguration configuration) {
        return configuration.toBuilder().apiCallTimeout(callTimeout).apiCallAttemptTimeout(attempt(callTimeout)).build();
    }

    /** One request's timeouts, for a client built elsewhere (local mode's, the function's). */
    public AwsRequestOverrideConfiguration forCall() {
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(callTimeout)
                .apiCallAttemptTimeout(attempt(callTimeout)).build();
    }

    /**
     * An upload of {@code bytes}: the call's timeouts plus the time the bytes take at
     * {@link #MIN_UPLOAD_BYTES_PER_SECOND}, for the attempt and for each attempt the call allows.
     */
    public AwsRequestOverrideConfiguration forUpload(long bytes) {
        Duration transfer = Duration.ofSeconds(Math.max(0, bytes) / MIN_UPLOAD_BYTES_PER_SECOND);
        Duration attempt = attemptTimeout.plus(transfer);
        Duration call = callTimeout.plus(transfer.multipliedBy(Math.max(1, callTimeout.dividedBy(attemptTimeout))));
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(call).apiCallAttemptTimeout(attempt).build();
    }

    private Duration attempt(Duration call) {
        return attemptTimeout.compareTo(call) < 0 ? attemptTimeout : call;
    }
}
