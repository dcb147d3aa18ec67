package io.thumbctl.cli.backfill;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.PreconditionFailedException;
import io.thumbctl.thumbnail.RenditionLayout;
import io.thumbctl.thumbnail.ThumbnailService;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code backfill --prune}: deletes the renditions whose name is no longer configured, for the
 * sources under a prefix. Only objects thumbctl wrote (marked with {@value ThumbnailService#SOURCE_ETAG})
 * are deleted, each on the condition that it is still the object looked at; anything else under
 * the prefix is left alone. Manifests are never pruned: they belong to configured renditions.
 */
final class RenditionPrune {

    private final ObjectStore store;
    private final ThumbnailSettings settings;

    RenditionPrune(ObjectStore store, ThumbnailSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * @param pruned told of each object deleted (with {@code dryRun}: that would be)
     * @return how many
     */
    long run(String bucket, String prefix, boolean dryRun, Consumer<ObjectInfo> pruned) {
        RenditionLayout layout = new RenditionLayout(settings);
        String thumbnailBucket = settings.targetBucketFor(bucket);
        long count = 0;
        try (Stream<ObjectInfo> objects = store.list(thumbnailBucket, settings.prefix())) {
            for (ObjectInfo listed : (Iterable<ObjectInfo>) objects::iterator) {
                Optional<RenditionLayout.Parsed> parsed = layout.parse(listed.key());
                if (parsed.isEmpty() || parsed.get().configured() || !parsed.get().sourcePart().startsWith(prefix)) {
                    continue;
                }
                Optional<ObjectInfo> object = store.head(thumbnailBucket, listed.key());
                if (object.isEmpty() || !object.get().metadata().containsKey(ThumbnailService.SOURCE_ETAG)) {
                    continue;
                }
                if (!dryRun && !delete(object.get())) {
                    continue;
                }
                pruned.accept(object.get());
                count++;
            }
        }
        return count;
    }

    /** False when the object changed since it was looked at: then it is not ours to judge. */
    private boolean delete(ObjectInfo object) {
        try {
            store.delete(object.bucket(), object.key(), object.etag());
            return true;
        } catch (PreconditionFailedException changed) {
            return false;
        }
    }
}
