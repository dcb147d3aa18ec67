package io.thumbctl.function;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.crypto.NativeCrypto;
import io.thumbctl.crypto.TlsPriming;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.thumbnail.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * On-demand cold start: the work of a first upload that needs no application context, done on a
 * second thread while the context is built, so that the first invocation finds it done. Init is
 * the better place for it: Lambda is widely reported (not documented) to run the init phase
 * without the CPU cap an invocation of a small function gets, a third of a vCPU at 512 MB.
 *
 * <p>Measured under the Lambda runtime client ({@code bench/coldstart/run.sh}): first thumbnail
 * of a cold start 0.88-0.91x, the first invocation 320-380 to 129-152 ms, init unchanged. Init
 * does not shrink because every class of the function jar comes through the runtime's class
 * loader, which is not parallel-capable: one class at a time, whichever thread asks.
 *
 * <p>What it runs: {@link NativeCrypto#install()}, one in-memory TLS connection
 * ({@link TlsPriming}), then the part of SnapStart priming that needs no context
 * ({@link SnapStartPriming#primeWithoutContext}): nothing leaves the process, no credentials are
 * read. Best effort: a failure here is logged and changes nothing, since the first upload does
 * the same work anyway. Init waits for it, so it does not compete with the first invocation for
 * the smaller CPU share.
 */
final class EarlyWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyWarmUp.class);
    /** Far more than it takes (about 0.5 s); a stuck warm-up must not hold init to its limit. */
    private static final long WAIT_SECONDS = 5;
    /** One connection's worth of TLS: the handshake and a few records each way. */
    private static final int WARM_UP_DOWNLOAD = 256 << 10;

    private final Thread thread = new Thread(this::run, "thumbctl-warm-up");
    /** The bundled photo's outcome, once the warm-up has run to its end; null until then, or if it stopped early. */
    private volatile Outcome outcome;

    private EarlyWarmUp() {
        thread.setDaemon(true);
    }

    static EarlyWarmUp start() {
        EarlyWarmUp warmUp = new EarlyWarmUp();
        warmUp.thread.start();
        return warmUp;
    }

    /** Waits for the warm-up to end, or for {@link #WAIT_SECONDS} at most. */
    void await() {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the warm-up has ended (or never started). */
    boolean ended() {
        return !thread.isAlive();
    }

    /** What the warm-up's thumbnail came to, if it ran to its end: created, on a sound build. */
    Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    private void run() {
        // First: the first S3 request's TLS handshake must find the native primitives in place
        NativeCrypto.install();
        try {
            // JSSE's classes come from the JDK's own loaders, which load in parallel with the context
            TlsPriming.create().run(1, WARM_UP_DOWNLOAD, WARM_UP_DOWNLOAD / 16);
            outcome = SnapStartPriming.primeWithoutContext(new KeyPolicy(ThumbnailSettings.defaults()), new ThumbnailRenderer(RenderSettings.fromEnvironment()));
        } catch (RuntimeException | LinkageError e) {
            LOG.info("cold-start warm-up stopped early ({}); the first upload does its work", e.toString(), e);
        }
    }
}
