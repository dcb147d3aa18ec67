package io.thumbctl.image;

/**
 * What a render learned of its source, for the manifest.
 *
 * @param width  after EXIF orientation
 * @param height after EXIF orientation
 * @param format the decoder's word for it: {@code jpeg}, {@code png}, {@code gif}, {@code webp}, ...
 * @param alpha  whether the decoded image has an alpha channel
 */
public record SourceFacts(int width, int height, String format, boolean alpha) {
}
