package io.thumbctl.cli;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.config.InvalidSettingsException;
import io.thumbctl.config.Renditions;
import io.thumbctl.config.ThumbnailSettings;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code --target-bucket}, {@code --thumbnail-prefix} and {@code --renditions}: what the command line changes in the
 * function's configuration ({@code thumbnail.*}, {@code THUMBNAIL_*}); {@code null} when not given.
 */
public record ThumbnailOverrides(@Nullable String targetBucket, @Nullable String prefix,
                                 @Nullable String renditions) {

    public ThumbnailOverrides(@Nullable String targetBucket, @Nullable String prefix) {
        this(targetBucket, prefix, null);
    }

    /** A copy of {@code configured} with the overrides applied. */
    public ThumbnailSettings applyTo(ThumbnailSettings configured) {
        ThumbnailSettings settings = configured;
        if (targetBucket != null) {
            settings = settings.withTargetBucket(targetBucket);
        }
        if (prefix != null) {
            settings = settings.withPrefix(prefix);
        }
        if (renditions != null) {
            try {
                settings = settings.withRenditions(renditions);
            } catch (InvalidSettingsException e) {
                // The same one line, naming the option the user typed.
                throw new InvalidSettingsException(e.getMessage().replace(Renditions.SETTING, "--renditions"));
            }
        }
        return settings;
    }

    /** The overrides as Micronaut properties, for a function context of its own. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        if (targetBucket != null) {
            properties.put("thumbnail.target-bucket", targetBucket);
        }
        if (prefix != null) {
            properties.put("thumbnail.prefix", prefix);
        }
        if (renditions != null) {
            properties.put("thumbnail.renditions", renditions);
        }
        return properties;
    }
}
