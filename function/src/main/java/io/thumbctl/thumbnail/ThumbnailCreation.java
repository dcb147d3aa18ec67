package io.thumbctl.thumbnail;

import io.thumbctl.guard.Decision;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.guard.SkipReason;
import io.thumbctl.image.EncodedImage;
import io.thumbctl.image.ImageException;
import io.thumbctl.image.RenderedSet;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.PreconditionFailedException;
import io.thumbctl.storage.StorageException;
import io.thumbctl.storage.WriteCondition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of {@link ThumbnailService#create}: a decision on the objects of one source version
 * (its thumbnail, or its renditions and manifest), made again from fresh state whenever a race is
 * lost (the source overwritten while it was read, an object written by another run), at most
 * {@link ThumbnailService#MAX_DECISIONS} times. Each decision either ends the run or names the
 * source version to decide on next.
 *
 * <p>Every object is written on its own condition, so one that fails (not ours, another source's,
 * a race) leaves the others made; a retry finds those up to date and writes only what is missing.
 * All outputs come from one read and one decode of the source.
 */
final class ThumbnailCreation {

    /** A failure reason: two sources map to one rendition key, and the other one's object stands. */
    static final String KEY_COLLISION = "key-collision";

    /** What one decision came to. */
    private sealed interface Step permits Done, Again {
    }

    private record Done(Outcome outcome) implements Step {
    }

    /** Decide again, on this version of the source. */
    private record Again(String etag, long size) implements Step {
    }

    /** Why one target was not written; retryable when trying again can help. */
    private record Refusal(Target target, String reason, boolean retryable, String detail) {
    }

    private final ObjectStore store;
    private final KeyPolicy policy;
    private final SourceRendering reading;
    private final ObjectRef source;
    private final Targets targets;
    private final boolean renditions;
    /** The last render, kept across decisions on the same source version. */
    private SourceRendering.Rendered rendered;
    private List<Target> renderedFor = List.of();

    ThumbnailCreation(ObjectStore store, KeyPolicy policy, SourceRendering reading, ObjectRef source) {
        this.store = store;
        this.policy = policy;
        this.reading = reading;
        this.source = source;
        this.targets = Targets.of(policy.settings(), source.bucket(), source.key());
        this.renditions = policy.settings().hasRenditions();
    }

    /** @param lookFirst whether the first decision looks at the objects (else they are taken to be absent) */
    Outcome run(boolean lookFirst) throws ImageException {
        Step step = startingVersion();
        for (int decision = 0; decision < ThumbnailService.MAX_DECISIONS && step instanceof Again again; decision++) {
            step = decide(again, lookFirst || decision > 0);
        }
        return step instanceof Done done ? done.outcome()
                : Verdicts.conflict(source, targets.bucket(), targets.targets().get(0).key());
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
        Map<Target, ThumbnailState> states = new LinkedHashMap<>();
        List<Target> toWrite = new ArrayList<>();
        List<Outcome.Part> parts = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (Target target : targets.targets()) {
            // Not looked at: taken to be absent, and the conditional write finds out if it is not.
            ThumbnailState state = look ? stateOf(target) : new ThumbnailState(null);
            states.put(target, state);
            Optional<Refusal> refused = refusal(target, state);
            if (refused.isPresent()) {
                refusals.add(refused.get());
            } else if (state.isFreshFor(version.etag(), target.settings())) {
                parts.add(new Outcome.Part(target.rendition(), state.object().key(), false, 0, 0, null,
                        state.object().size()));
            } else {
                toWrite.add(target);
            }
        }
        ThumbnailState manifest = targets.manifestKey() != null && look
                ? new ThumbnailState(store.head(targets.bucket(), targets.manifestKey()).orElse(null))
                : new ThumbnailState(null);
        boolean manifestWanted = targets.manifestKey() != null
                && !manifest.isFreshFor(version.etag(), targets.manifestSettings());
        if (toWrite.isEmpty() && !manifestWanted) {
            return new Done(outcome(parts, refusals, null));
        }
        if (rendered == null || !rendered.sourceEtag().equals(version.etag()) || !renderedFor.containsAll(toWrite)) {
            Optional<Step> notRendered = render(version, toWrite);
            if (notRendered.isPresent()) {
                return notRendered.get();
            }
        }
        for (Target target : toWrite) {
            Optional<Step> raced = write(target, states.get(target), parts, refusals);
            if (raced.isPresent()) {
                return raced.get();
            }
        }
        // A manifest lists what is there: not before a retry has made what failed for now.
        if (manifestWanted && refusals.stream().noneMatch(Refusal::retryable)) {
            Optional<Step> raced = writeManifest(manifest, parts);
            if (raced.isPresent()) {
                return raced.get();
            }
        }
        return new Done(outcome(parts, refusals, rendered));
    }

    /** Why {@code target} must not be written over, if it must not. */
    private Optional<Refusal> refusal(Target target, ThumbnailState state) {
        if (state.exists() && !state.isOurs()) {
            Outcome.Failed foreign = (Outcome.Failed) Verdicts.foreign(source, targets.bucket(), state.object().key());
            return Optional.of(new Refusal(target, foreign.reason(), false, foreign.detail()));
        }
        if (targets.claimsKeys() && state.isFromAnotherSource(source.key())) {
            return Optional.of(new Refusal(target, KEY_COLLISION, false, "s3://" + targets.bucket() + "/"
                    + state.object().key() + " was made from another source that maps to the same key; the first "
                    + "writer keeps it"));
        }
        return Optional.empty();
    }

    /** Renders {@code version} for {@code which}: empty when that worked, else where the run goes instead. */
    private Optional<Step> render(Again version, List<Target> which) throws ImageException {
        // With a manifest to write, every rendition is rendered: its size goes into the manifest.
        List<Target> outputs = targets.manifestKey() != null ? targets.targets() : which;
        SourceRendering.Result result;
        try {
            result = reading.render(source, version.etag(), version.size(),
                    targets.spec(policy.settings().maxPixels(), outputs));
        } catch (PreconditionFailedException changed) {
            // Overwritten since the event: decide on what it holds now (its own event will then
            // find those objects up to date).
            return Optional.of(sourceNow());
        }
        if (result instanceof SourceRendering.TooLarge) {
            return Optional.of(new Done(new Outcome.Skipped(source, SkipReason.TOO_LARGE)));
        }
        rendered = (SourceRendering.Rendered) result;
        renderedFor = List.copyOf(outputs);
        return Optional.empty();
    }

    private EncodedImage imageOf(Target target) {
        return rendered.set().images().get(renderedFor.indexOf(target));
    }

    /**
     * Writes one target's image on the condition the decision was made on. Empty when the run goes
     * on (written, or found made by another run, or refused); else the decision to make instead.
     */
    private Optional<Step> write(Target target, ThumbnailState state, List<Outcome.Part> parts,
                                 List<Refusal> refusals) {
        EncodedImage image = imageOf(target);
        String key = target.keyFor(image.type());
        try {
            store.put(targets.bucket(), key, image.bytes(), image.contentType(), metadataFor(target.settings()),
                    key.equals(state.exists() ? state.object().key() : key) ? state.expectedForWrite()
                            : WriteCondition.ifAbsent());
        } catch (PreconditionFailedException raced) {
            return settle(target, key, image, parts, refusals);
        } catch (StorageException e) {
            if (!renditions) {
                throw e;
            }
            // Each rendition on its own: the others are still written, and a retry makes this one.
            refusals.add(new Refusal(target, e.reason(), e.retryable(), e.getMessage()));
            return Optional.empty();
        }
        parts.add(new Outcome.Part(target.rendition(), key, true, image.width(), image.height(), image.contentType(),
                image.bytes().length));
        return Optional.empty();
    }

    /** A conditional write found something in the way: who made it decides whether the run goes on. */
    private Optional<Step> settle(Target target, String key, EncodedImage image, List<Outcome.Part> parts,
                                  List<Refusal> refusals) {
        ThumbnailState now = new ThumbnailState(store.head(targets.bucket(), key).orElse(null));
        Optional<Refusal> refused = refusal(target, now);
        if (refused.isPresent()) {
            refusals.add(refused.get());
            return Optional.empty();
        }
        if (now.isFreshFor(rendered.sourceEtag(), target.settings())) {
            parts.add(new Outcome.Part(target.rendition(), key, false, image.width(), image.height(),
                    image.contentType(), now.object().size()));
            return Optional.empty();
        }
        // Another run wrote (or deleted) it since we looked. Whichever was made from what the
        // source holds now must stand: find out what that is, and decide again.
        return Optional.of(sourceNow());
    }


    /** The manifest, after the renditions it lists, on the condition it was looked at under. */
    private Optional<Step> writeManifest(ThumbnailState manifest, List<Outcome.Part> parts) {
        List<ManifestJson.Entry> entries = new ArrayList<>();
        for (Outcome.Part part : parts) {
            Target target = targets.targets().stream().filter(t -> t.rendition().equals(part.rendition()))
                    .findFirst().orElseThrow();
            EncodedImage image = imageOf(target);
            entries.add(new ManifestJson.Entry(part.rendition(), part.key(), image.type().imageIoName(),
                    image.width(), image.height(), part.bytes()));
        }
        RenderedSet set = rendered.set();
        byte[] json = ManifestJson.write(source.key(), rendered.sourceEtag(), rendered.sourceBytes(), set.source(),
                entries, set.placeholder());
        try {
            store.put(targets.bucket(), targets.manifestKey(), json, "application/json",
                    metadataFor(targets.manifestSettings()), manifest.expectedForWrite());
        } catch (PreconditionFailedException raced) {
            ThumbnailState now = new ThumbnailState(store.head(targets.bucket(), targets.manifestKey()).orElse(null));
            if (now.isFreshFor(rendered.sourceEtag(), targets.manifestSettings())) {
                return Optional.empty();
            }
            return Optional.of(sourceNow());
        }
        return Optional.empty();
    }

    private Map<String, String> metadataFor(String settings) {
        return targets.claimsKeys() ? ThumbnailState.metadata(rendered.sourceEtag(), settings, source.key())
                : ThumbnailState.metadata(rendered.sourceEtag(), settings);
    }

    /**
     * The run's outcome. The single thumbnail keeps its own vocabulary ({@code created},
     * {@code up-to-date}, one failure). With renditions, any refusal fails the whole source, retryably
     * if any of them may be retried, and names every rendition concerned; the ones made stay made.
     */
    private Outcome outcome(List<Outcome.Part> parts, List<Refusal> refusals, SourceRendering.Rendered render) {
        if (!renditions) {
            if (!refusals.isEmpty()) {
                Refusal refusal = refusals.get(0);
                return new Outcome.Failed(source, refusal.reason(), refusal.retryable(), refusal.detail());
            }
            Outcome.Part part = parts.get(0);
            if (!part.created()) {
                return new Outcome.UpToDate(source, targets.bucket(), part.key());
            }
            EncodedImage image = render.set().first();
            return new Outcome.Created(source, targets.bucket(), part.key(), image.width(), image.height(),
                    image.contentType(), image.decodePath().label(), image.warning());
        }
        if (!refusals.isEmpty()) {
            StringBuilder detail = new StringBuilder();
            for (Refusal refusal : refusals) {
                detail.append(detail.isEmpty() ? "" : "; ").append(refusal.target().label()).append(refusal.detail());
            }
            if (!parts.isEmpty()) {
                detail.append("; made or up to date: ")
                        .append(String.join(", ", parts.stream().map(Outcome.Part::rendition).toList()));
            }
            Refusal first = refusals.stream().filter(Refusal::retryable).findFirst().orElse(refusals.get(0));
            return new Outcome.Failed(source, first.reason(), first.retryable(), detail.toString());
        }
        EncodedImage any = render == null ? null : render.set().first();
        return new Outcome.Renditions(source, targets.bucket(), parts, targets.manifestKey(),
                any == null ? null : any.decodePath().label(), any == null ? null : any.warning());
    }

    private Step sourceNow() {
        return store.head(source.bucket(), source.key())
                .<Step>map(now -> new Again(now.etag(), now.size()))
                .orElseGet(() -> new Done(Verdicts.gone(store, source)));
    }

    private ThumbnailState stateOf(Target target) {
        return ThumbnailState.of(store, targets.bucket(), target);
    }
}
