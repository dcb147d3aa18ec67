package io.thumbctl.guard;

import java.util.Locale;
import java.util.Set;

/** The file name extensions of the image types the pipeline reads. */
public final class ImageExtensions {

    public static final Set<String> SUPPORTED =
            Set.of("jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "webp", "heic", "heif", "avif");
    /** The HEIC/HEIF extensions, which {@code thumbnail.heic=false} turns off. */
    public static final Set<String> HEIC = Set.of("heic", "heif");

    private ImageExtensions() {
    }

    /** Compared case-insensitively: phones upload {@code IMG_0001.JPG}. */
    public static boolean isImage(String key) {
        return SUPPORTED.contains(extension(key));
    }

    /** Whether the key names a HEIC/HEIF image ({@code .heic}, {@code .heif}, any case). */
    public static boolean isHeic(String key) {
        return HEIC.contains(extension(key));
    }

    /** The key's file name extension, lower case; empty when it has none. */
    static String extension(String key) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        if (dot <= slash + 1 || dot == key.length() - 1) {
            return "";
        }
        return key.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
