package io.thumbctl.image;

/**
 * The renderer's result: encoded image bytes ready to upload, their size, which decoder read the
 * source, and what the thumbnail may lack.
 *
 * @param warning {@code null}, or {@link #ORIENTATION_UNREAD}: the file's metadata could not be
 *                read, so the thumbnail is as stored, possibly sideways
 */
public record EncodedImage(byte[] bytes, ImageType type, int width, int height, DecodePath decodePath,
                           String warning) {

    /** The warning of a thumbnail whose source's EXIF orientation could not be read. */
    public static final String ORIENTATION_UNREAD = "orientation-unread";

    public EncodedImage(byte[] bytes, ImageType type, int width, int height, DecodePath decodePath) {
        this(bytes, type, width, height, decodePath, null);
    }

    public EncodedImage(byte[] bytes, ImageType type, int width, int height) {
        this(bytes, type, width, height, DecodePath.IMAGEIO);
    }

    public String contentType() {
        return type.contentType();
    }
}
