package io.thumbctl.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;

/** Brings decoded pixels into sRGB, the colour space browsers assume for an untagged thumbnail. */
final class Srgb {

    private Srgb() {
    }

    /**
     * Returns the image itself when it is already sRGB (or plain gray, which Java2D copies to RGB
     * channel for channel), otherwise an sRGB copy made through its ICC profile (Adobe RGB,
     * ProPhoto, a CMYK profile the reader kept, ...). Runs on the reduced intermediate, so the
     * conversion costs little.
     */
    static BufferedImage convert(BufferedImage image) {
        ColorSpace space = image.getColorModel().getColorSpace();
        if (space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY) {
            return image;
        }
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        new ColorConvertOp(null).filter(image, srgb);
        return srgb;
    }
}
