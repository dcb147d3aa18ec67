package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;

import java.util.Locale;

/** The formats thumbnails are written in. */
public enum ImageType {
    JPEG("jpeg", "image/jpeg"),
    PNG("png", "image/png"),
    GIF("gif", "image/gif");

    private final String imageIoName;
    private final String contentType;

    ImageType(String imageIoName, String contentType) {
        this.imageIoName = imageIoName;
        this.contentType = contentType;
    }

    public String imageIoName() {
        return imageIoName;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * The output type for a source read by an ImageIO reader of {@code sourceFormat}. With
     * {@code same}, formats we do not write (WebP, BMP, ...) become PNG, which keeps any alpha.
     * HEIF and AVIF sources need to know about alpha: see {@link #forOutput(OutputFormat, String, boolean)}.
     */
    public static ImageType forOutput(OutputFormat format, String sourceFormat) {
        return forOutput(format, sourceFormat, true);
    }

    /**
     * As {@link #forOutput(OutputFormat, String)}, knowing whether the decoded image has an alpha
     * channel. With {@code same}, a HEIC/HEIF or AVIF source ({@code heif}, {@code heic},
     * {@code avif}: formats we do not write) becomes a JPEG, the usual form of a photo, or a PNG
     * where it has alpha.
     */
    public static ImageType forOutput(OutputFormat format, String sourceFormat, boolean alpha) {
        return switch (format) {
            case JPEG -> JPEG;
            case PNG -> PNG;
            case SAME -> switch (sourceFormat.toLowerCase(Locale.ROOT)) {
                case "jpeg", "jpg" -> JPEG;
                case "gif" -> GIF;
                case "heif", "heic", "avif" -> alpha ? PNG : JPEG;
                default -> PNG;
            };
        };
    }
}
