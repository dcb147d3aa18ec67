package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;
import io.thumbctl.config.ThumbnailSettings;

/** What the image pipeline needs to know; no AWS, no keys. */
public record ThumbnailSpec(int width, int height, OutputFormat format, long maxPixels, float jpegQuality) {

    public static ThumbnailSpec of(ThumbnailSettings settings) {
        return new ThumbnailSpec(settings.width(), settings.height(), settings.format(), settings.maxPixels(),
                settings.jpegQuality());
    }
}
