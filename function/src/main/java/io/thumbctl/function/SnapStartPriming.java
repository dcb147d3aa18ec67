package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.crypto.TlsPriming;
import io.thumbctl.event.EventReader;
import io.thumbctl.event.ObjectEvent;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.ImageException;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.image.ThumbnailSpec;
import io.thumbctl.logging.OutcomeLog;
import io.thumbctl.storage.OfflineS3;
import io.thumbctl.storage.S3ObjectStore;
import io.thumbctl.thumbnail.ObjectRef;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.Targets;
import io.thumbctl.thumbnail.ThumbnailService;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Warms the function up before a SnapStart snapshot, so a restored environment starts with the
 * classes loaded, ImageIO's plugins registered and the hot code compiled, whatever route its
 * first event takes.
 *
 * <p>Before the snapshot ({@link #prime()}): a bundled sample event of every route (S3, SNS, SQS
 * with each body shape, EventBridge created and deleted, Batch Operations 1.0 and 2.0, a
 * lifecycle expiration) is read, handled and answered by the real event parsers, item runner,
 * service, guard, renderer and S3 storage code, with the S3 client's HTTP layer replaced by an
 * in-memory stand-in ({@link OfflineS3}); a bundled PNG goes through the renderer as well.
 * Nothing is written to S3, no credentials are read and no connection is opened, so none of them
 * can end up in the snapshot, where every restored environment would share them. TLS is primed
 * in memory ({@link TlsPriming}): handshakes and records through the JDK's TLS engine and the
 * native ciphers, with a key bundled for that alone, every engine discarded afterwards.
 *
 * <p>The function's real S3 client exists before the snapshot (the Lambda context creates
 * singletons at init) but is never called then: no request, so no credentials fetched and no
 * connection in the snapshot. After a restore ({@link #afterRestore}) it is built if a context
 * created lazily has not built it yet; its credentials and connections are fetched on first use,
 * in the restored environment.
 */
public final class SnapStartPriming implements Resource {

    /** The bundled sample events, one per route and shape, in the order they are run. */
    static final List<String> EVENTS = List.of("s3.json", "sns.json", "sqs.json", "eventbridge-created.json",
            "eventbridge-deleted.json", "batch-1.0.json", "batch-2.0.json", "lifecycle-expiration.json");
    /**
     * TLS before the snapshot: connections of a 4 MB download and a 64 KB upload each, 2,048
     * records in all, for the java25 runtime's C2 (which SnapStart keeps) to compile JSSE's record
     * path; about 0.2 s with the native ciphers.
     */
    static final int TLS_CONNECTIONS = 8;
    /**
     * Uploads of the S3 sample, for the JIT (measured: docs/benchmarks.md#snapstart-priming); the
     * system property {@code thumbctl.priming.rounds} sets another count (an A/B, or a test suite
     * that primes many times and needs the path, not the compiled code).
     */
    static final int UPLOAD_ROUNDS = Integer.getInteger("thumbctl.priming.rounds", 300);
    static final int TLS_DOWNLOAD = 4 << 20;
    static final int TLS_UPLOAD = 64 << 10;

    private final EventReader events;
    private final KeyPolicy policy;
    private final ThumbnailRenderer renderer;
    private final JsonMapper json;
    private final S3ObjectStore store;
    /** What the last {@link #beforeCheckpoint} primed; null before one ran. */
    private volatile Primed primed;

    public SnapStartPriming(ApplicationContext context) {
        this.events = context.getBean(EventReader.class);
        this.policy = context.getBean(KeyPolicy.class);
        this.renderer = context.getBean(ThumbnailRenderer.class);
        this.json = context.getBean(JsonMapper.class);
        this.store = context.getBean(S3ObjectStore.class);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        primed = prime();
    }

    /** What the last {@link #beforeCheckpoint} primed, if one ran. */
    Optional<Primed> primed() {
        return Optional.ofNullable(primed);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        store.prepare();
    }

    /**
     * What priming did.
     *
     * @param requests what the stand-in S3 was asked, as {@code METHOD /path}, in order
     * @param answers  each sample event's answer, by its file name
     * @param tls      the TLS exchanges run in memory; null from {@link #primeRoutes()}
     */
    public record Primed(List<String> requests, Map<String, String> answers, TlsPriming.Result tls) {
    }

    /**
     * Runs every sample event through the whole pipeline against the offline S3 stand-in.
     *
     * @throws IllegalStateException if a sample event could not be read, an object met an
     *                               unexpected error, or the S3 sample did not produce a thumbnail:
     *                               a build whose parsers, image plugins or settings are broken
     *                               fails before the snapshot
     */
    public Primed prime() {
        return prime(true);
    }

    /**
     * Every sample event once, as {@link #prime()} runs them, without the repeated uploads and the
     * TLS exchanges that are there for the JIT: for a JVM that compiles on its own (local mode,
     * whose S3 is plain HTTP), where the first upload only needs the classes loaded and set up.
     */
    public Primed primeRoutes() {
        return prime(false);
    }

    private Primed prime(boolean forSnapshot) {
        primeWithoutContext(policy, renderer);
        byte[] photo = resource("priming.jpg");
        Map<String, String> answers = new LinkedHashMap<>();
        try (OfflineS3 offline = OfflineS3.empty()) {
            ThumbnailService service = new ThumbnailService(offline.store(), policy, renderer);
            Invocations invocations = new Invocations(events, new ItemRunner(service, OutcomeLog.silent()));
            List<Outcome> s3Sample = null;
            for (String name : EVENTS) {
                byte[] event = resource("priming/" + name);
                stage(offline, event, photo);
                Reply reply = invocations.handle(event);
                List<String> broken = brokenItems(reply);
                if (!broken.isEmpty()) {
                    throw new IllegalStateException("priming event " + name + " could not be handled: " + broken);
                }
                answers.put(name, new String(json.writeValueAsBytes(reply.body()), StandardCharsets.UTF_8));
                s3Sample = s3Sample == null ? reply.outcomes() : s3Sample;
            }
            if (s3Sample.stream().anyMatch(o -> o instanceof Outcome.Failed)) {
                throw new IllegalStateException("priming failed to make a thumbnail: " + s3Sample);
            }
            if (s3Sample.stream().noneMatch(o -> Outcome.CREATED.equals(o.name()))) {
                // A prefix that happens to cover the sample key: the guard skipped it; still warm the renderer.
                renderer.renderSet(photo, specFor("priming.jpg"), Duration.ofMinutes(1));
            }
            // Every output of a PNG too: with renditions, that covers each encoder (WebP, AVIF) once more.
            renderer.renderSet(resource("priming.png"), specFor("priming.png"), Duration.ofMinutes(1));
            if (!forSnapshot) {
                return new Primed(offline.requests(), answers, null);
            }
            repeatUploads(invocations, offline, photo);
            TlsPriming.Result tls = TlsPriming.create().run(TLS_CONNECTIONS, TLS_DOWNLOAD, TLS_UPLOAD);
            return new Primed(offline.requests(), answers, tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageException e) {
            throw new IllegalStateException("priming could not render the bundled PNG: " + e.getMessage(), e);
        }
    }

    /**
     * The part of priming that needs no application context: the bundled photo made into a
     * thumbnail by the real service, storage and renderer code against a stand-in S3 of its own,
     * and an Apache HTTP client created and closed without a connection. {@link #prime} starts
     * with it; an on-demand cold start runs it on a second thread while the context is built
     * ({@link EarlyWarmUp}).
     *
     * @return the photo's outcome: created, unless {@code policy} skips the sample key
     */
    static Outcome primeWithoutContext(KeyPolicy policy, ThumbnailRenderer renderer) {
        byte[] photo = resource("priming.jpg");
        ObjectRef source = new ObjectRef("priming", "photo.jpg", (long) photo.length, null);
        Outcome outcome;
        try (OfflineS3 offline = OfflineS3.empty()) {
            offline.put(source.bucket(), source.key(), photo, Map.of());
            outcome = new ThumbnailService(offline.store(), policy, renderer).createUploaded(source);
        }
        ApacheHttpClient.builder().build().close();
        return outcome;
    }

    /**
     * The S3 sample's upload again and again, its thumbnail removed before each, so the hot path
     * (event, GET, render, PUT through the SDK's whole pipeline) is compiled before the snapshot:
     * by C1 on java21, and most of it by C2 on java25, whose SnapStart keeps the JVM's own tiers.
     */
    private void repeatUploads(Invocations invocations, OfflineS3 offline, byte[] photo) {
        byte[] event = resource("priming/" + EVENTS.get(0));
        ThumbnailSettings settings = policy.settings();
        for (int round = 0; round < UPLOAD_ROUNDS; round++) {
            for (ObjectEvent object : events.read(event).objects()) {
                ObjectRef ref = object.object();
                offline.remove(settings.targetBucketFor(ref.bucket()), settings.thumbnailKey(ref.key()));
                offline.put(ref.bucket(), ref.key(), photo, Map.of());
            }
            invocations.handle(event);
        }
    }

    /**
     * Puts in the stand-in what the sample event is about, so every route runs its whole path:
     * the photo of every created or backfilled object, and a thumbnail of ours for every removed
     * one, for its deletion to run.
     */
    private void stage(OfflineS3 offline, byte[] event, byte[] photo) {
        ThumbnailSettings settings = policy.settings();
        for (ObjectEvent object : events.read(event).objects()) {
            ObjectRef ref = object.object();
            if (object.action() == ObjectEvent.Action.REMOVED) {
                offline.remove(ref.bucket(), ref.key());
                offline.put(settings.targetBucketFor(ref.bucket()), settings.thumbnailKey(ref.key()), new byte[]{1},
                        Map.of(ThumbnailService.SOURCE_ETAG, "priming", ThumbnailService.SETTINGS, settings.fingerprint()));
            } else if (object.action() != ObjectEvent.Action.IGNORED) {
                offline.put(ref.bucket(), ref.key(), photo, Map.of());
            }
        }
    }

    /**
     * What went wrong with a sample event. The stand-in holds what every sample is about, so on a
     * sound build every object comes out created, up to date, skipped or deleted.
     */
    /** What the settings make of a source of this name: the single thumbnail, or every rendition. */
    private ThumbnailSpec specFor(String key) {
        return Targets.of(policy.settings(), "priming", key).spec(policy.settings().maxPixels());
    }

    private static List<String> brokenItems(Reply reply) {
        List<String> broken = new ArrayList<>();
        for (ItemResult item : reply.items()) {
            broken.addAll(item.problems());
            item.outcomes().stream()
                    .filter(o -> o instanceof Outcome.Failed)
                    .map(OutcomeLog::describe)
                    .forEach(broken::add);
        }
        return broken;
    }

    static byte[] resource(String name) {
        try (InputStream in = SnapStartPriming.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource io/thumbctl/function/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
