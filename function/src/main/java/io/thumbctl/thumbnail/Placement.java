package io.thumbctl.thumbnail;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.image.ImageType;

/**
 * One key an output may be written to.
 *
 * @param type the format the object at this key has; {@code null} where the key is the same
 *             whatever the format (the single thumbnail of a JPEG, PNG, GIF, WebP or BMP)
 */
record Placement(String key, @Nullable ImageType type) {

    boolean takes(ImageType written) {
        return type == null || type == written;
    }
}
