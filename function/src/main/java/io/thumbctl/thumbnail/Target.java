package io.thumbctl.thumbnail;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.image.ImageType;
import io.thumbctl.image.ThumbnailSpec;

import java.util.List;

/**
 * One object a source gets: the single thumbnail, or one rendition.
 *
 * @param rendition  the rendition's name; {@code null} for the single thumbnail
 * @param placements where it may be: one key, or two (JPEG, then PNG) when its format depends on
 *                   whether the decoded source has alpha
 * @param settings   what shapes its pixels, recorded on it ({@code thumbctl-settings})
 */
record Target(@Nullable String rendition, List<Placement> placements, String settings, ThumbnailSpec.Output output) {

    Target {
        placements = List.copyOf(placements);
    }

    /** The key an image of {@code type} goes to. */
    String keyFor(ImageType type) {
        for (Placement placement : placements) {
            if (placement.takes(type)) {
                return placement.key();
            }
        }
        throw new IllegalStateException("no placement of " + this + " takes " + type);
    }

    /** Its first (usual) key, for messages. */
    String key() {
        return placements.get(0).key();
    }

    /** {@code rendition medium: } or nothing, to put before a message about it. */
    String label() {
        return rendition == null ? "" : "rendition " + rendition + ": ";
    }
}
