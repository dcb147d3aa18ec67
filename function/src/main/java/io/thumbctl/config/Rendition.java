package io.thumbctl.config;

import java.util.Locale;

/**
 * One configured rendition ({@code thumbnail.renditions}): a named box, how the image fits it,
 * and the format and quality it is written in.
 *
 * @param quality 1-100; the format's default when the setting names none
 */
public record Rendition(String name, int width, int height, RenditionFormat format, int quality, Fit fit) {

    /**
     * What shapes this rendition's pixels, recorded on each of its objects
     * ({@code thumbctl-settings}), e.g. {@code 640x640 webp q80 inside}: an object made with
     * other settings is stale. Its name and where it goes are not part of it.
     */
    public String fingerprint() {
        // PNG is lossless: a quality written for it changes nothing, so it does not make objects stale.
        String q = format == RenditionFormat.PNG ? "" : " q" + quality;
        return width + "x" + height + " " + format.word() + q + " " + fit.name().toLowerCase(Locale.ROOT);
    }

    /** As written in the setting, every part spelled out. */
    public String spelledOut() {
        return name + ":" + width + "x" + height + ":" + format.word() + ":q" + quality + ":"
                + fit.name().toLowerCase(Locale.ROOT);
    }
}
