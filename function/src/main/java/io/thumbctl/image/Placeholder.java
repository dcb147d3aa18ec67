package io.thumbctl.image;

import java.awt.image.BufferedImage;
import java.util.Base64;

/**
 * What a page shows while an image loads: the manifest's {@code "placeholder"}.
 *
 * @param thumbhash the image's {@link ThumbHash}, standard base64 with padding
 * @param color     the mean sRGB colour of the whole image, {@code #rrggbb} in lower case
 */
public record Placeholder(String thumbhash, String color) {

    /**
     * The placeholder of an image of any size and {@code BufferedImage} type, with or without
     * alpha, in one pass over its pixels: 1600x1600 takes about 6 ms under C1 as packed ints (what
     * the decoders make), 11-14 ms as interleaved bytes; palettes and premultiplied alpha go
     * through {@code getRGB}, about ten times slower (see {@link SrgbRows}). The image is only
     * read; thread-safe.
     *
     * <p>The ThumbHash is taken from an area-average copy of the image fitted to 100x100 (keeping
     * its aspect ratio), as the algorithm requires.
     *
     * <p>Transparency: both the colour and the copy average the colour channels weighted by alpha
     * (premultiplied), so a pixel counts as much as it shows: fully transparent pixels count for
     * nothing, whatever colour they hide, and a half-transparent one for half. This is the colour
     * of the visible content, the same average ThumbHash itself keeps, whatever the page's
     * background. An image with no visible pixel at all has the colour {@code #000000}.
     */
    public static Placeholder of(BufferedImage image) {
        SrgbRows rows = SrgbRows.of(image);
        int w = rows.width;
        int h = rows.height;
        BoxFit fit = BoxFit.of(w, h, ThumbHash.MAX_SIDE, ThumbHash.MAX_SIDE);
        int fw = fit.width();
        int fh = fit.height();

        // Source columns [firstColumn[c], firstColumn[c + 1]) and rows with y * fh / h == r fall
        // in bin (c, r) of the fitted copy. Each run is summed in locals, then added to its bin.
        int[] firstColumn = new int[fw + 1];
        for (int c = 0; c <= fw; c++) {
            firstColumn[c] = (int) (((long) c * w + fw - 1) / fw);
        }
        int[] rowsInBin = new int[fh];
        long[] alpha = new long[fw * fh];
        long[] red = new long[fw * fh]; // sums of channel * alpha
        long[] green = new long[fw * fh];
        long[] blue = new long[fw * fh];
        int[] row = new int[w];
        boolean opaque = !rows.hasAlpha();
        for (int y = 0; y < h; y++) {
            rows.read(y, row);
            int binRow = (int) ((long) y * fh / h);
            rowsInBin[binRow]++;
            for (int c = 0, i = binRow * fw; c < fw; c++, i++) {
                int x = firstColumn[c];
                int end = firstColumn[c + 1];
                long a = 0;
                long r = 0;
                long g = 0;
                long b = 0;
                if (opaque) {
                    a = 255L * (end - x);
                    for (; x < end; x++) {
                        int p = row[x];
                        r += p >> 16 & 0xFF;
                        g += p >> 8 & 0xFF;
                        b += p & 0xFF;
                    }
                    r *= 255;
                    g *= 255;
                    b *= 255;
                } else {
                    for (; x < end; x++) {
                        int p = row[x];
                        int pa = p >>> 24;
                        a += pa;
                        r += (p >> 16 & 0xFF) * pa;
                        g += (p >> 8 & 0xFF) * pa;
                        b += (p & 0xFF) * pa;
                    }
                }
                alpha[i] += a;
                red[i] += r;
                green[i] += g;
                blue[i] += b;
            }
        }

        long alphaSum = 0;
        long redSum = 0;
        long greenSum = 0;
        long blueSum = 0;
        int[] fitted = new int[fw * fh];
        for (int i = 0; i < fitted.length; i++) {
            alphaSum += alpha[i];
            redSum += red[i];
            greenSum += green[i];
            blueSum += blue[i];
            long pixels = (long) (firstColumn[i % fw + 1] - firstColumn[i % fw]) * rowsInBin[i / fw];
            fitted[i] = alpha[i] == 0 ? 0 : mean(alpha[i], pixels) << 24
                    | mean(red[i], alpha[i]) << 16 | mean(green[i], alpha[i]) << 8 | mean(blue[i], alpha[i]);
        }
        int rgb = alphaSum == 0 ? 0
                : mean(redSum, alphaSum) << 16 | mean(greenSum, alphaSum) << 8 | mean(blueSum, alphaSum);

        byte[] hash = ThumbHash.encode(fw, fh, fitted);
        return new Placeholder(Base64.getEncoder().encodeToString(hash), String.format("#%06x", rgb));
    }

    /** {@code sum / count} rounded half up. */
    private static int mean(long sum, long count) {
        return (int) ((2 * sum + count) / (2 * count));
    }
}
