package io.thumbctl.thumbnail;

import io.thumbctl.guard.Decision;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.guard.SkipReason;
import io.thumbctl.image.EncodedImage;
import io.thumbctl.image.ImageException;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.PreconditionFailedException;

import java.util.Optional;

/**
 * One run of {@link ThumbnailService#create}: a decision on the thumbnail of one source version,
 * made again from fresh state whenever a race is lost (the source overwritten while it was read,
 * the thumbnail written by another run), at most {@link ThumbnailService#MAX_DECISIONS} times.
 * Each decision either ends the run or names the source version to decide on next.
 */
final class ThumbnailCreation {

    /** What one decision came to. */
    private sealed interface Step permits Done, Again {
    }

    private record Done(Outcome outcome) implements Step {
    }

    /** Decide again, on this version of the source. */
    private record Again(String etag, long size) implements Step {
    }

    private final ObjectStore store;
    private final KeyPolicy policy;
    private final SourceRendering reading;
    private final ObjectRef source;
    private final String bucket;
    private final String key;
    private final String settings;
    /** The last render, kept across decisions on the same source version. */
    private SourceRendering.Rendered rendered;

    ThumbnailCreation(ObjectStore store, KeyPolicy policy, SourceRendering reading, ObjectRef source) {
        this.store = store;
        this.policy = policy;
        this.reading = reading;
        this.source = source;
        this.bucket = policy.settings().targetBucketFor(source.bucket());
        this.key = policy.settings().thumbnailKey(source.key());
        this.settings = policy.settings().fingerprint();
    }

    /** @param lookFirst whether the first decision looks at the thumbnail (else it is taken to be absent) */
    Outcome run(boolean lookFirst) throws ImageException {
        Step step = startingVersion();
        for (int decision = 0; decision < ThumbnailService.MAX_DECISIONS && step instanceof Again again; decision++) {
            step = decide(again, lookFirst || decision > 0);
        }
        return step instanceof Done done ? done.outcome() : Verdicts.conflict(source, bucket, key);
    }

    /** The event's source version, else what the source holds now (a HEAD: most such objects are up to date). */
    private Step startingVersion() {
        if (source.etag() != null && source.size() != null) {
            return new Again(source.etag(), source.size());
        }
        Optional<ObjectInfo> now = store.head(source.bucket(), source.key());
        if (now.isEmpty()) {
            return new Done(Verdicts.gone(store, source));
        }
        Decision sized = policy.decide(source.bucket(), source.key(), now.get().size());
        if (!sized.shouldProcess()) {
            return new Done(new Outcome.Skipped(source, sized.skipReason()));
        }
        return new Again(now.get().etag(), now.get().size());
    }

    private Step decide(Again version, boolean look) throws ImageException {
        // Not looked at: taken to be absent, and the conditional write finds out if it is not.
        ThumbnailState thumbnail = look ? thumbnail() : new ThumbnailState(null);
        if (thumbnail.exists() && !thumbnail.isOurs()) {
            return new Done(Verdicts.foreign(source, bucket, key));
        }
        if (thumbnail.isFreshFor(version.etag(), settings)) {
            return new Done(new Outcome.UpToDate(source, bucket, key));
        }
        if (rendered == null || !rendered.sourceEtag().equals(version.etag())) {
            Optional<Step> notRendered = render(version);
            if (notRendered.isPresent()) {
                return notRendered.get();
            }
        }
        return write(thumbnail, version);
    }

    /** Renders {@code version}: empty when {@link #rendered} holds it, else where the run goes instead. */
    private Optional<Step> render(Again version) throws ImageException {
        SourceRendering.Result result;
        try {
            result = reading.render(source, version.etag(), version.size());
        } catch (PreconditionFailedException changed) {
            // Overwritten since the event: decide on what it holds now (its own event will then
            // find that thumbnail up to date).
            return Optional.of(sourceNow());
        }
        if (result instanceof SourceRendering.TooLarge) {
            return Optional.of(new Done(new Outcome.Skipped(source, SkipReason.TOO_LARGE)));
        }
        rendered = (SourceRendering.Rendered) result;
        return Optional.empty();
    }

    /** Writes the rendered thumbnail on the condition the decision was made on. */
    private Step write(ThumbnailState thumbnail, Again version) {
        EncodedImage image = rendered.image();
        try {
            store.put(bucket, key, image.bytes(), image.contentType(),
                    ThumbnailState.metadata(rendered.sourceEtag(), settings), thumbnail.expectedForWrite());
        } catch (PreconditionFailedException raced) {
            // Another run wrote (or deleted) the thumbnail since we looked. Whichever was made from
            // what the source holds now must stand: find out what that is, and decide again.
            return store.head(source.bucket(), source.key())
                    .<Step>map(now -> new Again(now.etag(), version.size()))
                    .orElseGet(() -> new Done(Verdicts.gone(store, source)));
        }
        return new Done(new Outcome.Created(source, bucket, key, image.width(), image.height(), image.contentType(),
                image.decodePath().label(), image.warning()));
    }

    private Step sourceNow() {
        return store.head(source.bucket(), source.key())
                .<Step>map(now -> new Again(now.etag(), now.size()))
                .orElseGet(() -> new Done(Verdicts.gone(store, source)));
    }

    private ThumbnailState thumbnail() {
        return new ThumbnailState(store.head(bucket, key).orElse(null));
    }
}
