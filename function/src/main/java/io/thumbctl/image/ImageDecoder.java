package io.thumbctl.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decodes the first image of a file through ImageIO (with the TwelveMonkeys plugins on the
 * classpath: CMYK/YCCK JPEG, WebP, ...), checking the pixel count from the header before any
 * pixel is allocated and subsampling large images while they are read.
 */
final class ImageDecoder {

    static {
        // Lambda's disk is small and slow; ImageIO's temp-file cache buys nothing for in-memory bytes.
        ImageIO.setUseCache(false);
    }

    /** A decoded image, possibly subsampled, and the name of the format it came in. */
    record Decoded(BufferedImage image, String format, int sourceWidth, int sourceHeight) {
    }

    /**
     * @param minWidth  the decoded image is kept at least this wide (when the source is) so the
     *                  final downscale has enough pixels to filter from
     * @param minHeight likewise for the height
     */
    Decoded decode(byte[] bytes, long maxPixels, int minWidth, int minHeight) throws ImageException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageException(ImageException.UNSUPPORTED_FORMAT, "no image reader recognises this file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw new ImageException(ImageException.TOO_MANY_PIXELS, width + "x" + height + " is "
                            + ((long) width * height) + " pixels, over thumbnail.max-pixels (" + maxPixels + ")");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(width, height, minWidth, minHeight);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                return new Decoded(image, reader.getFormatName(), width, height);
            } finally {
                reader.dispose();
            }
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageException(ImageException.CORRUPT, "cannot decode: " + e.getMessage(), e);
        }
    }

    /** The largest whole step that keeps the image at least the minimum size on both axes. */
    static int subsampling(int width, int height, int minWidth, int minHeight) {
        return Math.max(1, Math.min(width / Math.max(1, minWidth), height / Math.max(1, minHeight)));
    }
}
