package io.thumbctl.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import org.imgscalr.Scalr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

/** EXIF orientation (1-8): how the stored pixels must be turned to stand upright. */
public enum Orientation {
    NORMAL, FLIP_HORIZONTAL, ROTATE_180, FLIP_VERTICAL, TRANSPOSE, ROTATE_90, TRANSVERSE, ROTATE_270;

    /** Reads the tag; anything unreadable counts as upright, since a thumbnail beats none. */
    public static Orientation read(byte[] image) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image), image.length);
            for (ExifIFD0Directory dir : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                if (dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                    return fromTag(dir.getInt(ExifIFD0Directory.TAG_ORIENTATION));
                }
            }
        } catch (Exception | StackOverflowError e) {
            // broken metadata must not cost the thumbnail
        }
        return NORMAL;
    }

    public static Orientation fromTag(int tag) {
        return tag >= 1 && tag <= 8 ? values()[tag - 1] : NORMAL;
    }

    /** Orientations 5-8 swap width and height. */
    public boolean swapsAxes() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

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
