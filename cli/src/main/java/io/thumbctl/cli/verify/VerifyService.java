package io.thumbctl.cli.verify;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.cli.SourceListing;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.Decision;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.thumbnail.Freshness;
import io.thumbctl.thumbnail.ObjectRef;
import io.thumbctl.thumbnail.Targets;
import io.thumbctl.thumbnail.ThumbnailService;

import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Compares sources with thumbnails, read-only, by walking two listings side by side: the sources
 * under {@code prefix} and the thumbnails under {@code thumbnailPrefix + prefix} in the target
 * bucket. S3 returns both sorted by UTF-8 bytes, and removing the common thumbnail prefix keeps
 * that order, so one merge pass pairs every source with its thumbnail: about one LIST request per
 * 1,000 keys, and memory for two pages, whatever the bucket size. The thumbnails of HEIC/HEIF and
 * AVIF sources carry a {@code .jpg} or {@code .png} more than their source's key, which does not
 * keep that order; {@link SourceOrderedThumbnails} restores it.
 *
 * <p>With the same-bucket layout the thumbnails also sit in the source listing, as one range at
 * the thumbnail prefix's place in the order. They are not sources, so the source side jumps over
 * that range ({@link SourceListing}), and the thumbnail side reads them from their own listing,
 * where they are in the order of the source keys they stand for.
 *
 * <p>Staleness comes from the listings alone: a thumbnail whose LastModified is older than its
 * source's was made before the source last changed. That is one second's resolution and needs no
 * HEAD per object, but listings carry no metadata, so it cannot see a thumbnail made with other
 * settings. The deep check ({@link #deep}) asks the thumbnail service instead, with one HEAD per
 * thumbnail: the exact rule the function and backfill use (source ETag and settings recorded on the
 * thumbnail), which also finds objects thumbctl did not write at a thumbnail's key.
 */
public final class VerifyService {

    private final ObjectStore store;
    private final KeyPolicy policy;
    private final ThumbnailService exact;

    /** Asks for a thumbnail service only with renditions, which are checked one HEAD each. */
    private final java.util.function.Supplier<ThumbnailService> thumbnails;

    private VerifyService(ObjectStore store, KeyPolicy policy, @Nullable ThumbnailService exact,
                          java.util.function.Supplier<ThumbnailService> thumbnails) {
        this.store = store;
        this.policy = policy;
        this.exact = exact;
        this.thumbnails = thumbnails;
    }

    private ThumbnailService thumbnails() {
        return thumbnails.get();
    }

    /** Listings only: stale by LastModified. */
    public static VerifyService fromListings(ObjectStore store, KeyPolicy policy, ThumbnailService thumbnails) {
        return new VerifyService(store, policy, null, () -> thumbnails);
    }

    /** Listings only, for settings without renditions. */
    public static VerifyService fromListings(ObjectStore store, KeyPolicy policy) {
        return new VerifyService(store, policy, null, () -> {
            throw new IllegalStateException("renditions are verified with a thumbnail service");
        });
    }

    /** Listings, plus one HEAD per thumbnail for the exact freshness rule. */
    public static VerifyService deep(ObjectStore store, KeyPolicy policy, ThumbnailService thumbnails) {
        return new VerifyService(store, policy, thumbnails, () -> thumbnails);
    }

    public VerifyReport run(String bucket, String prefix, Consumer<Problem> problems) {
        if (policy.settings().hasRenditions()) {
            return new RenditionVerify(store, policy, thumbnails(), exact != null).run(bucket, prefix, problems);
        }
        long started = System.nanoTime();
        ThumbnailSettings settings = policy.settings();
        String thumbnailBucket = settings.targetBucketFor(bucket);
        String thumbnailPrefix = settings.prefix();
        VerifyCounts counts = new VerifyCounts();
        try (Stream<ObjectInfo> sourceListing = SourceListing.of(store, settings, bucket, prefix);
             Stream<ObjectInfo> thumbnailListing = store.list(thumbnailBucket, thumbnailPrefix + prefix)) {
            Iterator<ObjectInfo> sources = sourceListing.iterator();
            ObjectInfo source = sources.hasNext() ? sources.next() : null;
            SourceOrderedThumbnails thumbnails = new SourceOrderedThumbnails(thumbnailListing.iterator(),
                    thumbnailPrefix.length());
            while (source != null || thumbnails.hasNext()) {
                int order = source == null ? 1
                        : !thumbnails.hasNext() ? -1
                        : Utf8Order.compare(source.key(), thumbnails.peek().sourceKey());
                if (order < 0) {
                    counts.sources++;
                    checkAlone(source, thumbnailBucket, counts, problems);
                    source = sources.hasNext() ? sources.next() : null;
                } else if (order > 0) {
                    settle(thumbnails.next(), false, bucket, thumbnailBucket, counts, problems);
                } else {
                    counts.sources++;
                    SourceOrderedThumbnails.Group group = thumbnails.next();
                    settle(group, true, bucket, thumbnailBucket, counts, problems);
                    checkPair(source, group.newest(), counts, problems);
                    source = sources.hasNext() ? sources.next() : null;
                }
            }
        }
        return counts.report(bucket, prefix, thumbnailBucket, thumbnailPrefix, exact != null, started);
    }

    /**
     * Counts each thumbnail once, at the last source key it could stand for, and reports it as an
     * orphan there when no source key found a source.
     */
    private static void settle(SourceOrderedThumbnails.Group group, boolean withSource, String bucket,
                               String thumbnailBucket, VerifyCounts counts, Consumer<Problem> problems) {
        for (SourceOrderedThumbnails.Thumbnail t : group.thumbnails()) {
            if (!t.settle(withSource)) {
                continue;
            }
            counts.thumbnails++;
            if (t.orphaned()) {
                counts.orphan++;
                problems.accept(new Problem(Problem.ORPHAN, bucket, t.sourceKey(), thumbnailBucket, t.object().key(),
                        null, t.object().lastModified()));
            }
        }
    }

    private void checkAlone(ObjectInfo source, String thumbnailBucket, VerifyCounts counts, Consumer<Problem> problems) {
        Decision d = policy.decide(source.bucket(), source.key(), source.size());
        if (!d.shouldProcess()) {
            counts.skip(d);
            return;
        }
        counts.checked++;
        counts.missing++;
        problems.accept(new Problem(Problem.MISSING, source.bucket(), source.key(), thumbnailBucket,
                Targets.of(policy.settings(), source.bucket(), source.key()).allKeys().get(0),
                source.lastModified(), null));
    }

    private void checkPair(ObjectInfo source, ObjectInfo thumbnail, VerifyCounts counts, Consumer<Problem> problems) {
        Decision d = policy.decide(source.bucket(), source.key(), source.size());
        if (!d.shouldProcess()) {
            // A thumbnail of a source the policy now skips (say it grew too large) still has its
            // source, so it is no orphan, and nothing needs doing about it.
            counts.skip(d);
            return;
        }
        counts.checked++;
        String problem = exact == null ? byAge(source, thumbnail) : byMetadata(source);
        if (problem == null) {
            counts.ok++;
            return;
        }
        switch (problem) {
            case Problem.STALE -> counts.stale++;
            case Problem.MISSING -> counts.missing++;
            default -> counts.foreign++;
        }
        problems.accept(new Problem(problem, source.bucket(), source.key(), thumbnail.bucket(), thumbnail.key(),
                source.lastModified(), thumbnail.lastModified()));
    }

    /** Stale when older than its source: made before the source last changed. */
    private static String byAge(ObjectInfo source, ObjectInfo thumbnail) {
        return thumbnail.lastModified().isBefore(source.lastModified()) ? Problem.STALE : null;
    }

    /** What the thumbnail's own metadata says, exactly as the function decides it. */
    private String byMetadata(ObjectInfo source) {
        Freshness freshness = exact.inspect(new ObjectRef(source.bucket(), source.key(), source.size(), source.etag()));
        return switch (freshness) {
            case UP_TO_DATE -> null;
            case STALE -> Problem.STALE;
            case MISSING -> Problem.MISSING; // deleted since it was listed
            case FOREIGN -> Problem.FOREIGN;
            case COLLISION -> Problem.COLLISION; // only with renditions, which RenditionVerify checks
        };
    }
}
