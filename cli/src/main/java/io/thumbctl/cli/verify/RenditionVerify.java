package io.thumbctl.cli.verify;

import io.thumbctl.cli.SourceListing;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.Decision;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.thumbnail.ObjectRef;
import io.thumbctl.thumbnail.RenditionLayout;
import io.thumbctl.thumbnail.TargetFreshness;
import io.thumbctl.thumbnail.ThumbnailService;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code verify} with renditions. A rendition's key may carry an extension its source's key has not
 * ({@code a.jpg} gets {@code medium/a.jpg.webp}), which breaks the sorted pairing of two listings
 * that the single thumbnail's check walks; so each source's renditions are looked at directly
 * (one HEAD each), and each object under the thumbnail prefix is traced back to the source it
 * names (one HEAD each), in two passes that hold one listing page at a time.
 *
 * <p>Without {@code --deep}, a rendition is stale when older than its source; with it, by the
 * source ETag and its own settings, exactly as the function decides, and objects thumbctl did not
 * write and other sources' renditions at this source's keys are reported too.
 */
final class RenditionVerify {

    private final ObjectStore store;
    private final KeyPolicy policy;
    private final ThumbnailService thumbnails;
    private final RenditionLayout layout;
    private final boolean deep;

    RenditionVerify(ObjectStore store, KeyPolicy policy, ThumbnailService thumbnails, boolean deep) {
        this.store = store;
        this.policy = policy;
        this.thumbnails = thumbnails;
        this.layout = new RenditionLayout(policy.settings());
        this.deep = deep;
    }

    VerifyReport run(String bucket, String prefix, Consumer<Problem> problems) {
        long started = System.nanoTime();
        ThumbnailSettings settings = policy.settings();
        String thumbnailBucket = settings.targetBucketFor(bucket);
        VerifyCounts counts = new VerifyCounts();
        try (Stream<ObjectInfo> sources = SourceListing.of(store, settings, bucket, prefix)) {
            sources.forEach(source -> checkSource(source, counts, problems));
        }
        try (Stream<ObjectInfo> objects = store.list(thumbnailBucket, settings.prefix())) {
            objects.forEach(object -> checkObject(bucket, prefix, object, counts, problems));
        }
        return counts.report(bucket, prefix, thumbnailBucket, settings.prefix(), deep, started);
    }

    private void checkSource(ObjectInfo source, VerifyCounts counts, Consumer<Problem> problems) {
        counts.sources++;
        Decision d = policy.decide(source.bucket(), source.key(), source.size());
        if (!d.shouldProcess()) {
            counts.skip(d);
            return;
        }
        counts.checked++;
        boolean allWell = true;
        ObjectRef ref = new ObjectRef(source.bucket(), source.key(), source.size(), source.etag());
        String thumbnailBucket = thumbnails.thumbnailBucket(ref);
        for (TargetFreshness each : thumbnails.inspectEach(ref)) {
            Optional<String> problem = problemOf(source, thumbnailBucket, each);
            if (problem.isEmpty()) {
                continue;
            }
            allWell = false;
            switch (problem.get()) {
                case Problem.MISSING -> counts.missing++;
                case Problem.STALE -> counts.stale++;
                default -> counts.foreign++;
            }
            problems.accept(new Problem(problem.get(), source.bucket(), source.key(), thumbnailBucket, each.key(),
                    source.lastModified(), each.lastModified(), each.rendition()));
        }
        if (allWell) {
            counts.ok++;
        }
    }

    private Optional<String> problemOf(ObjectInfo source, String thumbnailBucket, TargetFreshness each) {
        return switch (each.freshness()) {
            case MISSING -> Optional.of(Problem.MISSING);
            case UP_TO_DATE -> Optional.empty();
            case STALE -> deep ? Optional.of(Problem.STALE) : byAge(source, each);
            case FOREIGN -> deep ? Optional.of(Problem.FOREIGN) : byAge(source, each);
            case COLLISION -> deep ? Optional.of(Problem.COLLISION) : byAge(source, each);
        };
    }

    /** Without --deep, only what LastModified shows: made before the source last changed. */
    private static Optional<String> byAge(ObjectInfo source, TargetFreshness each) {
        return each.lastModified() != null && each.lastModified().isBefore(source.lastModified())
                ? Optional.of(Problem.STALE) : Optional.empty();
    }

    /** An object under the thumbnail prefix: an orphan when its rendition is gone from the settings, or its source is. */
    private void checkObject(String bucket, String prefix, ObjectInfo object, VerifyCounts counts,
                             Consumer<Problem> problems) {
        Optional<RenditionLayout.Parsed> parsed = layout.parse(object.key());
        if (parsed.isEmpty() || !parsed.get().sourcePart().startsWith(prefix)) {
            return;
        }
        counts.thumbnails++;
        RenditionLayout.Parsed p = parsed.get();
        if (!p.configured()) {
            orphan(bucket, p.candidates().get(0), object, p.rendition(), counts, problems);
            return;
        }
        for (String candidate : p.candidates()) {
            if (store.head(bucket, candidate).isPresent()) {
                return;
            }
        }
        orphan(bucket, p.candidates().get(0), object, p.rendition(), counts, problems);
    }

    private static void orphan(String bucket, String sourceKey, ObjectInfo object, String rendition, VerifyCounts counts,
                               Consumer<Problem> problems) {
        counts.orphan++;
        problems.accept(new Problem(Problem.ORPHAN, bucket, sourceKey, object.bucket(), object.key(), null,
                object.lastModified(), rendition));
    }
}
