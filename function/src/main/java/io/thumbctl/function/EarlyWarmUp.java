package io.thumbctl.function;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.OfflineS3;
import io.thumbctl.thumbnail.ObjectRef;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.ThumbnailService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * On-demand cold start: the work of a first upload that needs no application context, done on a
 * second thread while the context is built, so that the first invocation finds it done. Init is
 * the better place for it: Lambda is widely reported (not documented) to run the init phase
 * without the CPU cap an invocation of a small function gets, a third of a vCPU at 512 MB.
 *
 * <p>Measured under the Lambda runtime client ({@code bench/coldstart/run.sh}): first thumbnail
 * of a cold start 0.875x without it, the first invocation 380 to 152 ms, init unchanged. Init
 * does not shrink because every class of the function jar comes through the runtime's class
 * loader, which is not parallel-capable: one class at a time, whichever thread asks.
 *
 * <p>What it runs: the bundled photo made into a thumbnail by the real service, storage and
 * renderer code against {@link OfflineS3} (nothing leaves the process, no credentials are read),
 * and an Apache HTTP client created and closed without a connection. Best effort: a failure here
 * is logged and changes nothing, since the first upload does the same work anyway; init waits
 * for it, so it does not compete with the first invocation for the smaller CPU share.
 */
final class EarlyWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyWarmUp.class);
    /** Far more than it takes (about 0.5 s); a stuck warm-up must not hold init to its limit. */
    private static final long WAIT_SECONDS = 5;

    private final Thread thread = new Thread(EarlyWarmUp::run, "thumbctl-warm-up");

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

    static void run() {
        try {
            makeThumbnailOffline();
            try (SdkHttpClient http = ApacheHttpClient.builder().build()) {
                LOG.trace("warm-up created {}", http.clientName());
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cold-start warm-up stopped early ({}); the first upload does its work", e.toString());
        }
    }

    /** The bundled photo's thumbnail, made against {@link OfflineS3}: what a first upload runs. */
    static Outcome makeThumbnailOffline() {
        byte[] photo = SnapStartPriming.resource("priming.jpg");
        ObjectRef source = new ObjectRef("warm-up", "photo.jpg", (long) photo.length, null);
        try (OfflineS3 offline = OfflineS3.empty()) {
            offline.put(source.bucket(), source.key(), photo, Map.of());
            ThumbnailSettings defaults = ThumbnailSettings.defaults();
            ThumbnailService service = new ThumbnailService(offline.store(), new KeyPolicy(defaults),
                    new ThumbnailRenderer());
            return service.createUploaded(source);
        }
    }
}
