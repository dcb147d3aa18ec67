package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;

import java.util.Locale;
import java.util.Optional;

/** The format an output is written in, fixed or decided once the source is decoded. */
public enum OutputType {
    JPEG, PNG, GIF, WEBP, AVIF,
    /**
     * The single thumbnail's {@code same}: JPEG and GIF stay as they are, HEIC/HEIF and AVIF become
     * JPEG (PNG where they have alpha), every other format (PNG, WebP, BMP, ...) becomes PNG, which
     * keeps any alpha.
     */
    AS_DECODED,
    /** JPEG, or PNG where the decoded source has alpha: a rendition's {@code same} for formats we do not write. */
    JPEG_OR_PNG;

    /**
     * @param decodedFormat the decoder's name for the source's format ({@code jpeg}, {@code png}, ...)
     * @param alpha         whether the decoded image has an alpha channel
     */
    public ImageType resolve(String decodedFormat, boolean alpha) {
        return switch (this) {
            case JPEG -> ImageType.JPEG;
            case PNG -> ImageType.PNG;
            case GIF -> ImageType.GIF;
            case WEBP -> ImageType.WEBP;
            case AVIF -> ImageType.AVIF;
            case JPEG_OR_PNG -> alpha ? ImageType.PNG : ImageType.JPEG;
            case AS_DECODED -> switch (decodedFormat.toLowerCase(Locale.ROOT)) {
                case "jpeg", "jpg" -> ImageType.JPEG;
                case "gif" -> ImageType.GIF;
                case "heif", "heic", "avif" -> alpha ? ImageType.PNG : ImageType.JPEG;
                default -> ImageType.PNG;
            };
        };
    }

    /** The single thumbnail's {@code thumbnail.format}. */
    public static OutputType of(OutputFormat format) {
        return switch (format) {
            case SAME -> AS_DECODED;
            case JPEG -> JPEG;
            case PNG -> PNG;
        };
    }

    /** The fixed type this names; empty for the ones decided by the decoded source. */
    public Optional<ImageType> fixed() {
        return switch (this) {
            case AS_DECODED, JPEG_OR_PNG -> Optional.empty();
            default -> Optional.of(resolve("", false));
        };
    }
}
