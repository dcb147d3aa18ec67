package io.thumbctl.config;

import java.util.Locale;

/**
 * The format a rendition is written in. {@link #SAME} keeps the source's own format where it is
 * one we write (JPEG, PNG, GIF, WebP, AVIF) and otherwise means JPEG, or PNG for a source with alpha.
 */
public enum RenditionFormat {
    SAME(85),
    JPEG(85),
    PNG(0),
    WEBP(80),
    AVIF(60);

    private final int defaultQuality;

    RenditionFormat(int defaultQuality) {
        this.defaultQuality = defaultQuality;
    }

    /**
     * The quality used when the rendition names none: JPEG 85 (the single thumbnail's 0.85),
     * WebP 80 (cwebp's and Pillow's default), AVIF 60 (libavif's own "web" default). PNG and GIF
     * are lossless and ignore it; {@code same} takes JPEG's, which only the lossy formats use.
     */
    public int defaultQuality() {
        return defaultQuality;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
