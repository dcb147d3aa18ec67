package io.thumbctl.image;

/** The renderer's result: encoded image bytes ready to upload, their size, and which decoder read the source. */
public record EncodedImage(byte[] bytes, ImageType type, int width, int height, DecodePath decodePath) {

    public EncodedImage(byte[] bytes, ImageType type, int width, int height) {
        this(bytes, type, width, height, DecodePath.IMAGEIO);
    }

    public String contentType() {
        return type.contentType();
    }
}
