package io.thumbctl.image;

import java.awt.image.BufferedImage;

/**
 * A decoded, possibly reduced, sRGB image; the size the source file declares; the format it came
 * in (ImageIO's format name); and which decoder read it.
 */
record Decoded(BufferedImage image, String format, int sourceWidth, int sourceHeight, DecodePath path) {
}
