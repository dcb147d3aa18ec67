package io.thumbctl.image;

/** An encoded thumbnail, ready to upload. */
public record Thumbnail(byte[] bytes, ImageType type, int width, int height) {

    public String contentType() {
        return type.contentType();
    }
}
