package io.thumbctl.thumbnail;

import io.thumbctl.config.InvalidSettingsException;
import io.thumbctl.config.Rendition;
import io.thumbctl.config.Renditions;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.Decision;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.ImageException;
import io.thumbctl.image.ImageType;
import io.thumbctl.image.RetryableRenderException;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.PreconditionFailedException;
import io.thumbctl.storage.StorageException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One source object in, one {@link Outcome} out. Never throws for a single object's trouble:
 * failures come back as {@link Outcome.Failed}, permanent only when the reason is known to be
 * permanent; anything unexpected is retryable.
 *
 * <p>Correct under S3's at-least-once, unordered delivery, with runs for one key racing in other
 * execution environments:
 * <ul>
 *   <li>Every thumbnail write is conditional on the state the decision was made on
 *       ({@code If-None-Match: *} when there was no thumbnail, {@code If-Match} with the ETag seen
 *       when refreshing one). When another writer got there first, the object is decided again
 *       from fresh state, so the thumbnail of the newer content stands and a late writer of older
 *       content gives way.</li>
 *   <li>The source is read with {@code If-Match} on the ETag the event names, and the thumbnail is
 *       marked with the ETag of the bytes actually read, so {@link ThumbnailState#SOURCE_ETAG}
 *       always names the bytes it was made from.</li>
 *   <li>Only thumbnails it wrote itself (marked) are ever replaced or deleted; sources are only read.</li>
 * </ul>
 */
@Singleton
public class ThumbnailService {

    /** User metadata on every thumbnail: the ETag of the source it was made from. */
    public static final String SOURCE_ETAG = ThumbnailState.SOURCE_ETAG;
    /** User metadata on every thumbnail: the settings that shaped its pixels ({@link ThumbnailSettings#fingerprint()}). */
    public static final String SETTINGS = ThumbnailState.SETTINGS;
    /** A failure reason: the thumbnail key holds an object thumbctl did not write, so it is left alone. */
    public static final String FOREIGN_OBJECT = "foreign-object";
    /** A failure reason: the thumbnail or its source kept changing while we decided; a retry will settle it. */
    public static final String CONFLICT = "conflict";
    /** A failure reason: something we did not foresee went wrong; retried, never acknowledged. */
    public static final String INTERNAL_ERROR = "internal-error";

    /** Decisions per object before giving up for now: each extra one means another writer won a race. */
    static final int MAX_DECISIONS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailService.class);
    private static final AtomicLong UNEXPECTED_FAILURES = new AtomicLong();

    private final ObjectStore store;
    private final KeyPolicy policy;
    private final ThumbnailRenderer renderer;

    /**
     * @throws io.thumbctl.config.InvalidSettingsException when a rendition names a format whose
     *                                                     bundled encoder does not load here
     */
    public ThumbnailService(ObjectStore store, KeyPolicy policy, ThumbnailRenderer renderer) {
        this.store = store;
        this.policy = policy;
        this.renderer = renderer;
        requireEncoders(policy.settings(), renderer);
    }

    /** A rendition that could never be written fails init, not every upload. */
    private static void requireEncoders(ThumbnailSettings settings, ThumbnailRenderer renderer) {
        for (Rendition rendition : settings.renditionList()) {
            String word = rendition.format().word();
            boolean bundled = word.equals("webp") || word.equals("avif");
            if (bundled && !renderer.canWrite(ImageType.valueOf(rendition.format().name()))) {
                throw new InvalidSettingsException(Renditions.SETTING
                        + " names " + word + " (rendition " + rendition.name() + "), but the bundled " + word
                        + " encoder does not load on " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + " (see the log); choose another format here");
            }
        }
    }

    public ThumbnailSettings settings() {
        return policy.settings();
    }

    /**
     * Makes (or refreshes) the thumbnail of an object, looking at the thumbnail first: an
     * up-to-date one costs a HEAD. For sweeps over existing objects (backfill, Batch Operations).
     */
    public Outcome create(ObjectRef source) {
        return create(source, true);
    }

    /**
     * Makes the thumbnail of an object an {@code ObjectCreated} event announces. Its thumbnail most
     * likely does not exist yet, or is stale (the source was just written), so this renders and
     * writes at once ({@code If-None-Match: *}) and looks at the thumbnail only if something is in
     * the way: one S3 round trip less per upload, paid back with a wasted render by a redelivered
     * event.
     */
    public Outcome createUploaded(ObjectRef source) {
        return create(source, false);
    }

    private Outcome create(ObjectRef source, boolean lookFirst) {
        Decision decision = policy.decide(source.bucket(), source.key(), source.size());
        if (!decision.shouldProcess()) {
            return new Outcome.Skipped(source, decision.skipReason());
        }
        return outcomeOf(source, () -> new ThumbnailCreation(store, policy, new SourceRendering(store, renderer,
                settings().maxSourceBytes()), source).run(lookFirst));
    }

    /**
     * Deletes the thumbnail of a removed object. If the source exists again (re-uploaded since the
     * event), its thumbnail is made or kept instead, and that outcome is returned.
     */
    public Outcome remove(ObjectRef source) {
        Decision decision = policy.decide(source.bucket(), source.key(), null);
        if (!decision.shouldProcess()) {
            return new Outcome.Skipped(source, decision.skipReason());
        }
        return outcomeOf(source, () -> removeNow(source));
    }

    /** One object's work, whose failures become its outcome (classified once, here). */
    private interface Work {
        Outcome run() throws ImageException;
    }

    private Outcome outcomeOf(ObjectRef source, Work work) {
        try {
            return work.run();
        } catch (ImageException e) {
            return new Outcome.Failed(source, e.reason(), false, e.getMessage());
        } catch (RetryableRenderException e) {
            return new Outcome.Failed(source, e.reason(), true, e.getMessage());
        } catch (StorageException e) {
            return new Outcome.Failed(source, e.reason(), e.retryable(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return unexpected(source, e);
        } catch (OutOfMemoryError e) {
            return outOfMemory(source, e);
        }
    }

    /**
     * How the source's thumbnail stands (one HEAD), decided exactly as {@link #create} decides
     * whether to redo it; with renditions, the worst of theirs ({@link #inspectEach}). Needs the
     * source's ETag (a listing has it).
     *
     * @throws StorageException when the thumbnail cannot be looked at
     */
    public Freshness inspect(ObjectRef source) {
        Freshness worst = Freshness.UP_TO_DATE;
        for (TargetFreshness each : inspectEach(source)) {
            if (rank(each.freshness()) > rank(worst)) {
                worst = each.freshness();
            }
        }
        return worst;
    }

    /** What a sweep must hear first: an object it may not touch, then one to make, then one to remake. */
    private static int rank(Freshness freshness) {
        return switch (freshness) {
            case UP_TO_DATE -> 0;
            case STALE -> 1;
            case MISSING -> 2;
            case FOREIGN, COLLISION -> 3;
        };
    }

    /** How each of the source's objects stands: the thumbnail, or every rendition (one HEAD each, two for a JPEG-or-PNG one). */
    public List<TargetFreshness> inspectEach(ObjectRef source) {
        Targets targets = targetsOf(source);
        List<TargetFreshness> each = new ArrayList<>();
        for (Target target : targets.targets()) {
            ThumbnailState state = ThumbnailState.of(store, targets.bucket(), target);
            each.add(new TargetFreshness(target.rendition(), state.exists() ? state.object().key() : target.key(),
                    freshness(state, source, target.settings(), targets.claimsKeys()),
                    state.exists() ? state.object().lastModified() : null));
        }
        return each;
    }

    private static Freshness freshness(ThumbnailState state, ObjectRef source, String targetSettings,
                                       boolean claimsKeys) {
        if (!state.exists()) {
            return Freshness.MISSING;
        }
        if (!state.isOurs()) {
            return Freshness.FOREIGN;
        }
        if (claimsKeys && state.isFromAnotherSource(source.key())) {
            return Freshness.COLLISION;
        }
        return state.isFreshFor(source.etag(), targetSettings) ? Freshness.UP_TO_DATE : Freshness.STALE;
    }

    /** Every object {@code source} gets, and where. */
    public Targets targetsOf(ObjectRef source) {
        return Targets.of(settings(), source.bucket(), source.key());
    }

    /** Where the thumbnail of {@code source} lives. */
    public String thumbnailBucket(ObjectRef source) {
        return settings().targetBucketFor(source.bucket());
    }

    /** The thumbnail's key; with renditions, the first rendition's. */
    public String thumbnailKey(ObjectRef source) {
        return targetsOf(source).targets().get(0).key();
    }

    private Outcome removeNow(ObjectRef source) {
        Targets targets = targetsOf(source);
        String bucket = targets.bucket();
        String first = targets.targets().get(0).key();
        for (int decision = 0; decision < MAX_DECISIONS; decision++) {
            Optional<ObjectInfo> back = store.head(source.bucket(), source.key());
            if (back.isPresent()) {
                return create(refOf(back.get()));
            }
            List<String> deleted = new ArrayList<>();
            boolean raced = false;
            for (String key : targets.allKeys()) {
                ThumbnailState object = new ThumbnailState(store.head(bucket, key).orElse(null));
                if (!object.exists() || targets.claimsKeys() && object.isFromAnotherSource(source.key())) {
                    continue;
                }
                if (!object.isOurs()) {
                    if (!settings().hasRenditions()) {
                        return Verdicts.foreign(source, bucket, key);
                    }
                    continue;
                }
                try {
                    // Conditional: an object that a re-upload's run wrote since we looked is not ours to delete.
                    store.delete(bucket, key, object.object().etag());
                    deleted.add(key);
                } catch (PreconditionFailedException changed) {
                    raced = true;
                    break;
                }
            }
            if (raced) {
                continue;
            }
            // S3 cannot make the delete conditional on the source's absence: a re-upload may have
            // landed between the look and the delete. If so, its objects are made again at once.
            Optional<ObjectInfo> reuploaded = store.head(source.bucket(), source.key());
            if (reuploaded.isPresent()) {
                return create(refOf(reuploaded.get()));
            }
            return deleted.isEmpty() ? new Outcome.NothingToDelete(source, bucket, first)
                    : new Outcome.Deleted(source, bucket, deleted.get(0));
        }
        return Verdicts.conflict(source, bucket, first);
    }

    private static ObjectRef refOf(ObjectInfo info) {
        return new ObjectRef(info.bucket(), info.key(), info.size(), info.etag());
    }

    /** How many unexpected failures this JVM has had: each one is a bug of ours or of a decoder plugin. */
    public static long unexpectedFailures() {
        return UNEXPECTED_FAILURES.get();
    }

    /**
     * Not a verdict on the object: retried, never acknowledged. Logged here, once, with its stack
     * trace and a running count ({@code unexpectedFailures}), since the outcome line carries only
     * {@code e.toString()}.
     */
    private static Outcome unexpected(ObjectRef source, Throwable e) {
        long count = UNEXPECTED_FAILURES.incrementAndGet();
        LOG.atError().addKeyValue("bucket", source.bucket()).addKeyValue("key", source.key())
                .addKeyValue("reason", INTERNAL_ERROR).addKeyValue("unexpectedFailures", count).setCause(e)
                .log("unexpected failure for s3://" + source.bucket() + "/" + source.key() + ", to be retried: " + e);
        return new Outcome.Failed(source, INTERNAL_ERROR, true, e.toString());
    }

    /**
     * The heap ran out for this object (reading a large source, say): only it fails, retryably;
     * what it held is unreachable once this returns, so the next object has the heap again.
     */
    private static Outcome outOfMemory(ObjectRef source, OutOfMemoryError e) {
        LOG.atError().addKeyValue("bucket", source.bucket()).addKeyValue("key", source.key())
                .addKeyValue("reason", RetryableRenderException.OUT_OF_MEMORY).setCause(e)
                .log("ran out of memory on s3://" + source.bucket() + "/" + source.key() + ", to be retried");
        return new Outcome.Failed(source, RetryableRenderException.OUT_OF_MEMORY, true,
                "ran out of memory (" + e.getMessage() + "); a retry, or more memory, can succeed");
    }
}
