package io.thumbctl.thumbnail;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.Decision;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.guard.SkipReason;
import io.thumbctl.image.ImageException;
import io.thumbctl.image.EncodedImage;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.image.ThumbnailSpec;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.StorageException;
import io.thumbctl.storage.StoredObject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * One source object in, one {@link Outcome} out. Never throws for a single object's trouble:
 * failures come back as {@link Outcome.Failed}, classified permanent or retryable. Never writes
 * or deletes anything but a thumbnail it wrote itself (marked with {@link #SOURCE_ETAG}).
 */
@Singleton
public class ThumbnailService {

    /** User metadata on every thumbnail: the ETag of the source it was made from. */
    public static final String SOURCE_ETAG = "thumbctl-source-etag";
    /** A failure reason: the thumbnail key holds an object thumbctl did not write, so it is left alone. */
    public static final String FOREIGN_OBJECT = "foreign-object";

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

    /** Makes (or refreshes) the thumbnail of a created or changed object. */
    public Outcome create(ObjectRef source) {
        Decision decision = policy.decide(source.bucket(), source.key(), source.size());
        if (!decision.shouldProcess()) {
            return new Outcome.Skipped(source, decision.skipReason());
        }
        ThumbnailSettings settings = policy.settings();
        String targetBucket = settings.targetBucketFor(source.bucket());
        String thumbnailKey = settings.thumbnailKey(source.key());
        try {
            ObjectRef known = source.size() != null && source.etag() != null ? source : describe(source);
            if (known == null) {
                return gone(source);
            }
            Decision sized = policy.decide(known.bucket(), known.key(), known.size());
            if (!sized.shouldProcess()) {
                return new Outcome.Skipped(known, sized.skipReason());
            }
            Optional<ObjectInfo> existing = store.head(targetBucket, thumbnailKey);
            if (existing.isPresent()) {
                String madeFrom = existing.get().metadata().get(SOURCE_ETAG);
                if (madeFrom == null) {
                    return foreign(known, targetBucket, thumbnailKey);
                }
                if (madeFrom.equals(known.etag())) {
                    return new Outcome.UpToDate(known, targetBucket, thumbnailKey);
                }
            }
            StoredObject object = store.get(source.bucket(), source.key());
            if (object.info().size() > settings.maxSourceBytes()) {
                return new Outcome.Skipped(known, SkipReason.TOO_LARGE);
            }
            EncodedImage thumbnail = renderer.render(object.content(), ThumbnailSpec.of(settings));
            store.put(targetBucket, thumbnailKey, thumbnail.bytes(), thumbnail.contentType(),
                    Map.of(SOURCE_ETAG, object.info().etag()));
            return new Outcome.Created(known, targetBucket, thumbnailKey, thumbnail.width(), thumbnail.height(),
                    thumbnail.contentType());
        } catch (ImageException e) {
            return new Outcome.Failed(source, e.reason(), false, e.getMessage());
        } catch (StorageException e) {
            return new Outcome.Failed(source, e.reason(), e.retryable(), e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            // A decoder bug on one hostile file must not take the batch down with it.
            return new Outcome.Failed(source, "corrupt", false, e.toString());
        }
    }

    /**
     * Deletes the thumbnail of a removed object, unless the source is back (re-uploaded since the
     * event) or the object at the thumbnail key is not one of ours.
     */
    public Outcome remove(ObjectRef source) {
        Decision decision = policy.decide(source.bucket(), source.key(), null);
        if (!decision.shouldProcess()) {
            return new Outcome.Skipped(source, decision.skipReason());
        }
        ThumbnailSettings settings = policy.settings();
        String targetBucket = settings.targetBucketFor(source.bucket());
        String thumbnailKey = settings.thumbnailKey(source.key());
        try {
            if (store.head(source.bucket(), source.key()).isPresent()) {
                return new Outcome.UpToDate(source, targetBucket, thumbnailKey);
            }
            Optional<ObjectInfo> existing = store.head(targetBucket, thumbnailKey);
            if (existing.isEmpty()) {
                return new Outcome.Deleted(source, targetBucket, thumbnailKey, false);
            }
            if (!existing.get().metadata().containsKey(SOURCE_ETAG)) {
                return foreign(source, targetBucket, thumbnailKey);
            }
            store.delete(targetBucket, thumbnailKey);
            return new Outcome.Deleted(source, targetBucket, thumbnailKey, true);
        } catch (StorageException e) {
            return new Outcome.Failed(source, e.reason(), e.retryable(), e.getMessage());
        }
    }

    private ObjectRef describe(ObjectRef source) {
        return store.head(source.bucket(), source.key())
                .map(info -> new ObjectRef(source.bucket(), source.key(), info.size(), info.etag()))
                .orElse(null);
    }

    private static Outcome gone(ObjectRef source) {
        return new Outcome.Failed(source, "gone", false,
                "s3://" + source.bucket() + "/" + source.key() + " no longer exists");
    }

    private static Outcome foreign(ObjectRef source, String bucket, String key) {
        return new Outcome.Failed(source, FOREIGN_OBJECT, false, "s3://" + bucket + "/" + key
                + " exists but was not written by thumbctl (no " + SOURCE_ETAG + " metadata); left untouched");
    }
}
