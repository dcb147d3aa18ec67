package io.thumbctl.guard;

import java.util.Locale;
import java.util.Set;

/** The file name extensions of the image types the pipeline reads. */
public final class ImageExtensions {

    public static final Set<String> SUPPORTED =
            Set.of("jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "webp");

    private ImageExtensions() {
    }

    /** Compared case-insensitively: phones upload {@code IMG_0001.JPG}. */
    public static boolean isImage(String key) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        if (dot <= slash + 1 || dot == key.length() - 1) {
            return false;
        }
        return SUPPORTED.contains(key.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
