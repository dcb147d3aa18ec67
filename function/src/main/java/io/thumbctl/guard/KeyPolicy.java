package io.thumbctl.guard;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.config.ThumbnailSettings;
import jakarta.inject.Singleton;

/**
 * Decides, from the key alone (and its size when known), whether an object gets a thumbnail.
 * The function and {@code thumbctl guard} call this same code, so the CLI shows exactly what the
 * function would do. Checks run in a fixed order so each key has one reason: recursion first,
 * because a thumbnail must never yield another thumbnail whatever else is true of it.
 */
@Singleton
public final class KeyPolicy {

    private final ThumbnailSettings settings;

    public KeyPolicy(ThumbnailSettings settings) {
        this.settings = settings;
    }

    public ThumbnailSettings settings() {
        return settings;
    }

    /**
     * @param size the object's size in bytes, or {@code null} when not known yet (the too-large
     *             check then happens once it is)
     */
    public Decision decide(String bucket, String key, @Nullable Long size) {
        if (isThumbnailLocation(bucket, key)) {
            return Decision.skip(SkipReason.RECURSION_GUARD);
        }
        if (key.endsWith("/")) {
            return Decision.skip(SkipReason.FOLDER_MARKER);
        }
        if (!ImageExtensions.isImage(key) || !settings.heic() && ImageExtensions.isHeic(key)) {
            return Decision.skip(SkipReason.NOT_AN_IMAGE);
        }
        if (size != null && size > settings.maxSourceBytes()) {
            return Decision.skip(SkipReason.TOO_LARGE);
        }
        return Decision.process();
    }

    /**
     * True where a thumbnail of something could live: in the target bucket under the prefix. With
     * an empty prefix and target = source every key is its own thumbnail, so all are refused.
     */
    private boolean isThumbnailLocation(String bucket, String key) {
        return bucket.equals(settings.targetBucketFor(bucket)) && key.startsWith(settings.prefix());
    }
}
