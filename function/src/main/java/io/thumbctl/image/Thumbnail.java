package io.thumbctl.image;

/** An encoded thumbnail, ready to upload, and which decoder read its source. */
public record Thumbnail(byte[] bytes, ImageType type, int width, int height, DecodePath decodePath) {

    public Thumbnail(byte[] bytes, ImageType type, int width, int height) {
        this(bytes, type, width, height, DecodePath.IMAGEIO);
    }

    public String contentType() {
        return type.contentType();
    }
}
