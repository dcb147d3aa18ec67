package io.thumbctl.image;

import java.util.List;

/**
 * What a decoder needs besides the bytes: the pixel limit, and the boxes the stored (not yet
 * rotated) image must serve, which tell how far it may be reduced while it is read: enough for
 * the most demanding output and no more.
 */
record DecodeRequest(long maxPixels, List<Box> boxes) {

    /** A box in stored orientation; {@code cover} boxes must be filled, the others fitted into. */
    record Box(int width, int height, boolean cover) {

        /** The scale of the source this box needs, at most 1: sources are never enlarged. */
        double scale(int sourceWidth, int sourceHeight) {
            double w = (double) width / sourceWidth;
            double h = (double) height / sourceHeight;
            return Math.min(1.0, cover ? Math.max(w, h) : Math.min(w, h));
        }
    }

    DecodeRequest(long maxPixels, int boxWidth, int boxHeight) {
        this(maxPixels, List.of(new Box(boxWidth, boxHeight, false)));
    }

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

    /**
     * The smallest size a decode of a {@code width}x{@code height} source must reach: the
     * thumbnail's size for one fitted box; for several boxes, the size the most demanding one needs.
     */
    BoxFit fit(int width, int height) {
        if (boxes.size() == 1 && !boxes.get(0).cover()) {
            Box only = boxes.get(0);
            return BoxFit.of(width, height, only.width(), only.height());
        }
        double scale = 0;
        for (Box box : boxes) {
            scale = Math.max(scale, box.scale(width, height));
        }
        return new BoxFit(Math.max(1, (int) Math.ceil(width * scale - 1e-9)),
                Math.max(1, (int) Math.ceil(height * scale - 1e-9)));
    }
}
