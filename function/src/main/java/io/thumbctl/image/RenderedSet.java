package io.thumbctl.image;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Everything one decode of a source made: an encoded image per output of the
 * {@link ThumbnailSpec}, in its order; what was learned of the source; and its placeholder when
 * the spec asked for one.
 */
public record RenderedSet(List<EncodedImage> images, SourceFacts source, @Nullable Placeholder placeholder) {

    public RenderedSet {
        images = List.copyOf(images);
    }

    /** The first output's image: the single thumbnail's. */
    public EncodedImage first() {
        return images.get(0);
    }
}
