package io.thumbctl.thumbnail;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.Decision;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.ImageException;
import io.thumbctl.image.RetryableRenderException;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.image.ThumbnailSpec;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.PreconditionFailedException;
import io.thumbctl.storage.StorageException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    public ThumbnailService(ObjectStore store, KeyPolicy policy, ThumbnailRenderer renderer) {
        this.store = store;
        this.policy = policy;
        this.renderer = renderer;
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
                ThumbnailSpec.of(settings()), settings().maxSourceBytes()), source).run(lookFirst));
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
     * whether to redo it. Needs the source's ETag (a listing has it).
     *
     * @throws StorageException when the thumbnail cannot be looked at
     */
    public Freshness inspect(ObjectRef source) {
        ThumbnailState thumbnail = thumbnailOf(source);
        if (!thumbnail.exists()) {
            return Freshness.MISSING;
        }
        if (!thumbnail.isOurs()) {
            return Freshness.FOREIGN;
        }
        return thumbnail.isFreshFor(source.etag(), settings().fingerprint()) ? Freshness.UP_TO_DATE : Freshness.STALE;
    }

    /** Where the thumbnail of {@code source} lives. */
    public String thumbnailBucket(ObjectRef source) {
        return settings().targetBucketFor(source.bucket());
    }

    public String thumbnailKey(ObjectRef source) {
        return settings().thumbnailKey(source.key());
    }

    private Outcome removeNow(ObjectRef source) {
        String bucket = thumbnailBucket(source);
        String key = thumbnailKey(source);
        for (int decision = 0; decision < MAX_DECISIONS; decision++) {
            Optional<ObjectInfo> back = store.head(source.bucket(), source.key());
            if (back.isPresent()) {
                return create(refOf(back.get()));
            }
            ThumbnailState thumbnail = thumbnailOf(source);
            if (!thumbnail.exists()) {
                return new Outcome.NothingToDelete(source, bucket, key);
            }
            if (!thumbnail.isOurs()) {
                return Verdicts.foreign(source, bucket, key);
            }
            try {
                // Conditional: a thumbnail that a re-upload's run wrote since we looked is not ours to delete.
                store.delete(bucket, key, thumbnail.object().etag());
            } catch (PreconditionFailedException changed) {
                continue;
            }
            // S3 cannot make the delete conditional on the source's absence: a re-upload may have
            // landed between the look and the delete. If so, its thumbnail is made again at once.
            Optional<ObjectInfo> reuploaded = store.head(source.bucket(), source.key());
            if (reuploaded.isPresent()) {
                return create(refOf(reuploaded.get()));
            }
            return new Outcome.Deleted(source, bucket, key);
        }
        return Verdicts.conflict(source, bucket, key);
    }

    private ThumbnailState thumbnailOf(ObjectRef source) {
        return new ThumbnailState(store.head(thumbnailBucket(source), thumbnailKey(source)).orElse(null));
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
