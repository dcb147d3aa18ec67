package io.thumbctl.thumbnail;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.WriteCondition;

import java.util.Map;

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
     * Thumbnails written before {@link #SETTINGS} existed were all made with that release's fixed
     * pixel settings, so they count as made with these, and an upgrade does not rewrite them all.
     */
    static final String SETTINGS_BEFORE_RECORDING = "128x128 same q0.85";

    boolean exists() {
        return object != null;
    }

    /** Ours: it carries the source ETag marker. thumbctl never overwrites or deletes anything else. */
    boolean isOurs() {
        return object != null && object.metadata().containsKey(SOURCE_ETAG);
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
}
