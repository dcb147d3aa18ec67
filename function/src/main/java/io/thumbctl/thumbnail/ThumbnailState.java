package io.thumbctl.thumbnail;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.WriteCondition;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What a thumbnail key holds, as one HEAD saw it: nothing, a thumbnail of ours (marked with the
 * source ETag and the settings it was made from), or an object thumbctl did not write.
 *
 * @param object the object at the key, {@code null} when there is none
 */
record ThumbnailState(@Nullable ObjectInfo object) {

    /** User metadata on every thumbnail: the ETag of the source bytes it was made from. */
    static final String SOURCE_ETAG = "thumbctl-source-etag";
    /** User metadata on every thumbnail: {@link io.thumbctl.config.ThumbnailSettings#fingerprint()}. */
    static final String SETTINGS = "thumbctl-settings";
    /**
     * User metadata on renditions and manifests: the source key they were made from (percent-encoded
     * UTF-8). Two sources can map to one rendition key ({@code a.jpg}'s WebP and {@code a.jpg.webp}'s
     * own); this tells whose an object is, so neither overwrites the other's.
     */
    static final String SOURCE_KEY = "thumbctl-source-key";
    /**
     * Thumbnails written before {@link #SETTINGS} existed were all made with that release's fixed
     * pixel settings, so they count as made with these, and an upgrade does not rewrite them all.
     */
    static final String SETTINGS_BEFORE_RECORDING = "128x128 same q0.85";

    /** What a target's keys hold: the first placement that holds an object (a JPEG, else a PNG). */
    static ThumbnailState of(ObjectStore store, String bucket, Target target) {
        for (Placement placement : target.placements()) {
            Optional<ObjectInfo> object = store.head(bucket, placement.key());
            if (object.isPresent()) {
                return new ThumbnailState(object.get());
            }
        }
        return new ThumbnailState(null);
    }

    boolean exists() {
        return object != null;
    }

    /** Ours: it carries the source ETag marker. thumbctl never overwrites or deletes anything else. */
    boolean isOurs() {
        return object != null && object.metadata().containsKey(SOURCE_ETAG);
    }

    /** Ours, but made from another source key that maps to the same key ({@code key-collision}). */
    boolean isFromAnotherSource(String sourceKey) {
        if (!isOurs()) {
            return false;
        }
        String recorded = object.metadata().get(SOURCE_KEY);
        return recorded != null && !recorded.equals(encodeKey(sourceKey));
    }

    /** Up to date: made from exactly these source bytes with exactly these settings. */
    boolean isFreshFor(@Nullable String sourceEtag, String settings) {
        if (!isOurs() || sourceEtag == null) {
            return false;
        }
        Map<String, String> metadata = object.metadata();
        return sourceEtag.equals(metadata.get(SOURCE_ETAG))
                && settings.equals(metadata.getOrDefault(SETTINGS, SETTINGS_BEFORE_RECORDING));
    }

    /** The condition under which replacing this state is safe: it must still be this state. */
    WriteCondition expectedForWrite() {
        return object == null ? WriteCondition.ifAbsent() : WriteCondition.ifMatch(object.etag());
    }

    static Map<String, String> metadata(String sourceEtag, String settings) {
        return Map.of(SOURCE_ETAG, sourceEtag, SETTINGS, settings);
    }

    /** A rendition's or manifest's metadata: the single thumbnail's, and whose it is. */
    static Map<String, String> metadata(String sourceEtag, String settings, String sourceKey) {
        return Map.of(SOURCE_ETAG, sourceEtag, SETTINGS, settings, SOURCE_KEY, encodeKey(sourceKey));
    }

    /** Metadata values travel as HTTP headers: ASCII only, so keys are percent-encoded. */
    static String encodeKey(String sourceKey) {
        return URLEncoder.encode(sourceKey, StandardCharsets.UTF_8);
    }
}
