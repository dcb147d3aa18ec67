package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;

import java.util.List;

/**
 * What the image pipeline makes of one source; no AWS, no keys. One decode serves every output.
 *
 * @param outputs     what to write, in the caller's order (at least one)
 * @param placeholder whether to compute the source's {@link Placeholder} as well
 */
public record ThumbnailSpec(List<Output> outputs, long maxPixels, boolean placeholder) {

    /**
     * One image to write.
     *
     * @param cover   fill the box exactly (centred crop) instead of fitting inside it; never enlarges
     * @param quality 1-100, for the lossy formats
     */
    public record Output(int width, int height, boolean cover, OutputType type, int quality) {
    }

    public ThumbnailSpec {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a spec needs at least one output");
        }
        outputs = List.copyOf(outputs);
    }

    /** The single thumbnail of {@code thumbnail.width/height/format/jpeg-quality}. */
    public ThumbnailSpec(int width, int height, OutputFormat format, long maxPixels, float jpegQuality) {
        this(List.of(new Output(width, height, false, OutputType.of(format),
                Math.max(1, Math.min(100, Math.round(jpegQuality * 100))))), maxPixels, false);
    }
}
