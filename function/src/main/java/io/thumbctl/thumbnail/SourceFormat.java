package io.thumbctl.thumbnail;

import io.thumbctl.image.ImageType;

import java.util.Locale;
import java.util.Optional;

/**
 * A source's own format, as its key's extension names it: what rendition keys are derived from,
 * so that every key of a source follows from the source key alone, as removal needs.
 */
enum SourceFormat {
    JPEG(ImageType.JPEG), PNG(ImageType.PNG), GIF(ImageType.GIF), WEBP(ImageType.WEBP), AVIF(ImageType.AVIF),
    HEIF(null), OTHER(null);

    private final ImageType written;

    SourceFormat(ImageType written) {
        this.written = written;
    }

    static SourceFormat of(String key) {
        int dot = key.lastIndexOf('.');
        String extension = dot < 0 ? "" : key.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "jpg", "jpeg", "jpe", "jfif" -> JPEG;
            case "png" -> PNG;
            case "gif" -> GIF;
            case "webp" -> WEBP;
            case "avif" -> AVIF;
            case "heic", "heif" -> HEIF;
            default -> OTHER;
        };
    }

    /** The format a rendition's {@code same} keeps, when it is one we write. */
    Optional<ImageType> written() {
        return Optional.ofNullable(written);
    }
}
