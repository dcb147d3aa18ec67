package io.thumbctl.image;

import org.imgscalr.Scalr;

import java.awt.image.BufferedImage;

/** EXIF orientation (1-8): how the stored pixels must be turned to stand upright. */
public enum Orientation {
    NORMAL, FLIP_HORIZONTAL, ROTATE_180, FLIP_VERTICAL, TRANSPOSE, ROTATE_90, TRANSVERSE, ROTATE_270;

    /** Reads the tag; anything unreadable counts as upright, since a thumbnail beats none. */
    public static Orientation read(byte[] image) {
        return SourceMetadata.read(image).orientation();
    }

    /** The EXIF tag value (1-8); anything else (0, garbage) means upright. */
    public static Orientation fromTag(int tag) {
        return tag >= 1 && tag <= 8 ? values()[tag - 1] : NORMAL;
    }

    /** Orientations 5-8 swap width and height. */
    public boolean swapsAxes() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

    /**
     * Turns stored pixels upright. TRANSPOSE (5) mirrors across the top-left/bottom-right
     * diagonal, TRANSVERSE (7) across the other one; both equal a quarter turn plus a mirror.
     */
    public BufferedImage apply(BufferedImage image) {
        return switch (this) {
            case NORMAL -> image;
            case FLIP_HORIZONTAL -> Scalr.rotate(image, Scalr.Rotation.FLIP_HORZ);
            case ROTATE_180 -> Scalr.rotate(image, Scalr.Rotation.CW_180);
            case FLIP_VERTICAL -> Scalr.rotate(image, Scalr.Rotation.FLIP_VERT);
            case TRANSPOSE -> Scalr.rotate(Scalr.rotate(image, Scalr.Rotation.CW_90), Scalr.Rotation.FLIP_HORZ);
            case ROTATE_90 -> Scalr.rotate(image, Scalr.Rotation.CW_90);
            case TRANSVERSE -> Scalr.rotate(Scalr.rotate(image, Scalr.Rotation.CW_270), Scalr.Rotation.FLIP_HORZ);
            case ROTATE_270 -> Scalr.rotate(image, Scalr.Rotation.CW_270);
        };
    }
}
