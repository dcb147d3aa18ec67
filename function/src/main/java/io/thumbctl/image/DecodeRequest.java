package io.thumbctl.image;

/**
 * What a decoder needs besides the bytes: the pixel limit, and the box the stored (not yet
 * rotated) image must fit, which tells how far it may be reduced while it is read.
 */
record DecodeRequest(long maxPixels, int boxWidth, int boxHeight) {

    void checkPixels(int width, int height) throws ImageException {
        if (width <= 0 || height <= 0) {
            throw new ImageException(ImageException.CORRUPT, "the header declares a " + width + "x" + height + " image");
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new ImageException(ImageException.TOO_MANY_PIXELS, width + "x" + height + " is " + pixels
                    + " pixels, over thumbnail.max-pixels (" + maxPixels + ")");
        }
    }

    /** The thumbnail's size for a source of this size. */
    BoxFit fit(int width, int height) {
        return BoxFit.of(width, height, boxWidth, boxHeight);
    }
}
