package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;

/** The formats thumbnails and renditions are written in. */
public enum ImageType {
    JPEG("jpeg", "image/jpeg", ".jpg"),
    PNG("png", "image/png", ".png"),
    GIF("gif", "image/gif", ".gif"),
    WEBP("webp", "image/webp", ".webp"),
    AVIF("avif", "image/avif", ".avif");

    private final String imageIoName;
    private final String contentType;
    private final String extension;

    ImageType(String imageIoName, String contentType, String extension) {
        this.imageIoName = imageIoName;
        this.contentType = contentType;
        this.extension = extension;
    }

    /** ImageIO's writer name; also the word the manifest uses for the format. */
    public String imageIoName() {
        return imageIoName;
    }

    public String contentType() {
        return contentType;
    }

    /** What a rendition key gets when its format is not the source's own: {@code .jpg}, {@code .webp}, ... */
    public String extension() {
        return extension;
    }

    /**
     * The output type of the single thumbnail for a source read by a decoder of
     * {@code sourceFormat}. With {@code same}, formats we do not write there (WebP, BMP, ...)
     * become PNG, which keeps any alpha.
     */
    public static ImageType forOutput(OutputFormat format, String sourceFormat) {
        return OutputType.of(format).resolve(sourceFormat, false);
    }
}
