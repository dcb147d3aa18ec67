package io.thumbctl.image;

import java.awt.image.BufferedImage;

/**
 * Evan Wallace's ThumbHash (evanw.github.io/thumbhash): a placeholder of about 25 bytes that a
 * page decodes into a blurred image of the right colours, aspect ratio and alpha. Written here
 * from the published format, since no maintained Java implementation is on Maven Central.
 *
 * <p>The format: the image, composited over its own average colour, is split into luminance
 * {@code L = (r+g+b)/3}, yellow-blue {@code P = (r+g)/2 - b}, red-green {@code Q = r-g} and alpha;
 * each becomes a few low-frequency DCT coefficients (L up to 7 per axis, 5 with alpha; P and Q 3;
 * alpha 5), kept in a triangle {@code cx * ny < nx * (ny - cy)}. The hash is a 24-bit header (L,
 * P, Q averages in 6 bits, L's AC scale in 5, the alpha flag), a 16-bit header (L's coefficient
 * count on the shorter axis, P and Q scales in 6 bits, the landscape flag), one byte of alpha
 * average and scale when there is alpha, then every AC coefficient as a 4-bit nibble (low nibble
 * first) in the order L, P, Q, alpha, each scaled to its channel's largest. Our bytes are what the
 * other implementations make and read.
 *
 * <p>Stateless and thread-safe.
 */
public final class ThumbHash {

    /** The largest width and height {@link #encode} takes: the format gains nothing from more. */
    public static final int MAX_SIDE = 100;

    /** The longer side of the image {@link #decode} draws. */
    static final int DECODED_SIDE = 32;

    private ThumbHash() {
    }

    /**
     * The ThumbHash of an image of at most {@value #MAX_SIDE}x{@value #MAX_SIDE} pixels. Callers
     * downscale first (area-average, as {@link Placeholder#of} does): a larger image is refused,
     * since it would cost time for nothing.
     *
     * @param argb row by row, {@code 0xAARRGGBB} sRGB and <em>not</em> premultiplied, as
     *             {@link BufferedImage#getRGB(int, int)} gives them
     */
    public static byte[] encode(int width, int height, int[] argb) {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("ThumbHash takes 1x1 to " + MAX_SIDE + "x" + MAX_SIDE
                    + " pixels, not " + width + "x" + height + ": downscale first, or call Placeholder.of(image)");
        }
        int n = width * height;
        if (argb.length != n) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image has " + n
                    + " pixels, not " + argb.length);
        }

        // The alpha-weighted average colour, over which transparent pixels are composited below,
        // so that the colour hidden under alpha 0 does not bleed into the blur.
        double avgR = 0, avgG = 0, avgB = 0, alphaSum = 0;
        for (int p : argb) {
            double a = (p >>> 24) / 255.0;
            avgR += a * ((p >> 16) & 0xFF) / 255.0;
            avgG += a * ((p >> 8) & 0xFF) / 255.0;
            avgB += a * (p & 0xFF) / 255.0;
            alphaSum += a;
        }
        if (alphaSum > 0) {
            avgR /= alphaSum;
            avgG /= alphaSum;
            avgB /= alphaSum;
        }
        boolean hasAlpha = alphaSum < n;
        int lLimit = hasAlpha ? 5 : 7; // alpha takes some of L's share of the bytes
        int longer = Math.max(width, height);
        int lx = Math.max(1, (int) Math.round((double) lLimit * width / longer));
        int ly = Math.max(1, (int) Math.round((double) lLimit * height / longer));

        double[] l = new double[n];
        double[] pc = new double[n];
        double[] qc = new double[n];
        double[] al = new double[n];
        for (int i = 0; i < n; i++) {
            int p = argb[i];
            double a = (p >>> 24) / 255.0;
            double r = avgR * (1 - a) + a * ((p >> 16) & 0xFF) / 255.0;
            double g = avgG * (1 - a) + a * ((p >> 8) & 0xFF) / 255.0;
            double b = avgB * (1 - a) + a * (p & 0xFF) / 255.0;
            l[i] = (r + g + b) / 3;
            pc[i] = (r + g) / 2 - b;
            qc[i] = r - g;
            al[i] = a;
        }

        Dct dct = new Dct(width, height);
        Coefficients lCo = dct.forward(l, Math.max(lx, 3), Math.max(ly, 3));
        Coefficients pCo = dct.forward(pc, 3, 3);
        Coefficients qCo = dct.forward(qc, 3, 3);
        Coefficients aCo = hasAlpha ? dct.forward(al, 5, 5) : null;

        boolean landscape = width > height;
        int header24 = (int) Math.round(63 * lCo.dc())
                | (int) Math.round(31.5 + 31.5 * pCo.dc()) << 6
                | (int) Math.round(31.5 + 31.5 * qCo.dc()) << 12
                | (int) Math.round(31 * lCo.scale()) << 18
                | (hasAlpha ? 1 << 23 : 0);
        int header16 = (landscape ? ly : lx)
                | (int) Math.round(63 * pCo.scale()) << 3
                | (int) Math.round(63 * qCo.scale()) << 9
                | (landscape ? 1 << 15 : 0);

        int nibbles = lCo.ac().length + pCo.ac().length + qCo.ac().length + (hasAlpha ? aCo.ac().length : 0);
        int headerBytes = hasAlpha ? 6 : 5;
        byte[] hash = new byte[headerBytes + (nibbles + 1) / 2];
        hash[0] = (byte) header24;
        hash[1] = (byte) (header24 >> 8);
        hash[2] = (byte) (header24 >> 16);
        hash[3] = (byte) header16;
        hash[4] = (byte) (header16 >> 8);
        if (hasAlpha) {
            hash[5] = (byte) ((int) Math.round(15 * aCo.dc()) | (int) Math.round(15 * aCo.scale()) << 4);
        }
        int nibble = headerBytes * 2;
        for (Coefficients channel : hasAlpha
                ? new Coefficients[] {lCo, pCo, qCo, aCo} : new Coefficients[] {lCo, pCo, qCo}) {
            for (double f : channel.ac()) {
                int u = (int) Math.round(15 * f);
                hash[nibble / 2] |= (byte) ((nibble & 1) == 0 ? u : u << 4);
                nibble++;
            }
        }
        return hash;
    }

    /**
     * The placeholder image a hash stands for: {@value #DECODED_SIDE} pixels on its longer side,
     * {@code TYPE_INT_ARGB}. For tests and previews; pages decode hashes themselves.
     *
     * @throws IllegalArgumentException when the bytes are too short to be a ThumbHash
     */
    public static BufferedImage decode(byte[] hash) {
        Header header = Header.read(hash);
        NibbleReader nibbles = new NibbleReader(hash, header.hasAlpha() ? 6 : 5);
        // P and Q come back 1.25x as saturated, making up for what quantization takes (as the
        // published decoders do).
        double[] lAc = nibbles.read(header.lx(), header.ly(), header.lScale());
        double[] pAc = nibbles.read(3, 3, header.pScale() * 1.25);
        double[] qAc = nibbles.read(3, 3, header.qScale() * 1.25);
        double[] aAc = header.hasAlpha() ? nibbles.read(5, 5, header.aScale()) : null;

        float ratio = approximateAspectRatio(hash);
        int w = ratio > 1 ? DECODED_SIDE : Math.max(1, Math.round(DECODED_SIDE * ratio));
        int h = ratio > 1 ? Math.max(1, Math.round(DECODED_SIDE / ratio)) : DECODED_SIDE;
        Dct dct = new Dct(w, h);
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double l = header.lDc() + dct.inverse(lAc, header.lx(), header.ly(), x, y);
                double p = header.pDc() + dct.inverse(pAc, 3, 3, x, y);
                double q = header.qDc() + dct.inverse(qAc, 3, 3, x, y);
                double a = header.hasAlpha() ? header.aDc() + dct.inverse(aAc, 5, 5, x, y) : 1;
                double b = l - 2.0 / 3 * p;
                double r = (3 * l - b + q) / 2;
                double g = r - q;
                argb[y * w + x] = unit(a) << 24 | unit(r) << 16 | unit(g) << 8 | unit(b);
            }
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, w, h, argb, 0, w);
        return image;
    }

    /**
     * The average colour a hash holds, {@code {r, g, b, a}} from 0 to 1, not premultiplied (the
     * colour is the alpha-weighted mean of the visible pixels).
     *
     * @throws IllegalArgumentException when the bytes are too short to be a ThumbHash
     */
    public static float[] averageColor(byte[] hash) {
        Header header = Header.read(hash);
        double b = header.lDc() - 2.0 / 3 * header.pDc();
        double r = (3 * header.lDc() - b + header.qDc()) / 2;
        double g = r - header.qDc();
        return new float[] {clamp(r), clamp(g), clamp(b), (float) header.aDc()};
    }

    /**
     * Width over height, as the hash keeps it: the ratio of L's coefficient counts, so 2:1 reads
     * as 7/4 and anything wider than 7:1 as 7.
     *
     * @throws IllegalArgumentException when the bytes are too short to be a ThumbHash
     */
    public static float approximateAspectRatio(byte[] hash) {
        Header header = Header.read(hash);
        return (float) header.lxStored() / header.lyStored();
    }

    private static float clamp(double v) {
        return (float) Math.min(1, Math.max(0, v));
    }

    private static int unit(double v) {
        return (int) Math.round(255 * clamp(v));
    }

    /** A channel's DCT: its average, its AC coefficients mapped to 0..1 and the scale that undoes it. */
    private record Coefficients(double dc, double[] ac, double scale) {
    }

    /** The fields of the 5-byte header and the alpha byte. */
    private record Header(double lDc, double pDc, double qDc, double lScale, double pScale, double qScale,
                          boolean hasAlpha, double aDc, double aScale, int lxStored, int lyStored) {

        int lx() {
            return Math.max(3, lxStored);
        }

        int ly() {
            return Math.max(3, lyStored);
        }

        static Header read(byte[] hash) {
            if (hash.length < 5) {
                throw new IllegalArgumentException("a ThumbHash has at least 5 bytes, not " + hash.length);
            }
            int header24 = (hash[0] & 0xFF) | (hash[1] & 0xFF) << 8 | (hash[2] & 0xFF) << 16;
            int header16 = (hash[3] & 0xFF) | (hash[4] & 0xFF) << 8;
            boolean hasAlpha = (header24 >> 23 & 1) != 0;
            if (hasAlpha && hash.length < 6) {
                throw new IllegalArgumentException("a ThumbHash with alpha has at least 6 bytes, not " + hash.length);
            }
            boolean landscape = (header16 >> 15 & 1) != 0;
            int lMax = hasAlpha ? 5 : 7;
            int shorter = header16 & 7;
            return new Header(
                    (header24 & 63) / 63.0,
                    (header24 >> 6 & 63) / 31.5 - 1,
                    (header24 >> 12 & 63) / 31.5 - 1,
                    (header24 >> 18 & 31) / 31.0,
                    (header16 >> 3 & 63) / 63.0,
                    (header16 >> 9 & 63) / 63.0,
                    hasAlpha,
                    hasAlpha ? (hash[5] & 15) / 15.0 : 1,
                    hasAlpha ? (hash[5] >> 4 & 15) / 15.0 : 1,
                    landscape ? lMax : shorter,
                    landscape ? shorter : lMax);
        }
    }

    /** Reads the AC nibbles in order, low nibble first. */
    private static final class NibbleReader {
        private final byte[] hash;
        private int nibble;

        NibbleReader(byte[] hash, int firstByte) {
            this.hash = hash;
            this.nibble = firstByte * 2;
        }

        /** One channel's AC coefficients, back on their own scale. */
        double[] read(int nx, int ny, double scale) {
            double[] ac = new double[Dct.triangle(nx, ny) - 1];
            for (int i = 0; i < ac.length; i++, nibble++) {
                if (nibble / 2 >= hash.length) {
                    throw new IllegalArgumentException("the ThumbHash ends early: " + hash.length + " bytes");
                }
                int u = (hash[nibble / 2] >> ((nibble & 1) * 4)) & 15;
                ac[i] = (u / 7.5 - 1) * scale;
            }
            return ac;
        }
    }

    /**
     * The DCT-II basis over one image size, {@code cos(pi / size * c * (i + 0.5))}, tabulated for
     * up to 7 frequencies per axis. Coefficients run row by row ({@code cy} outer, {@code cx}
     * inner) over the triangle {@code cx * ny < nx * (ny - cy)}, the constant term first.
     */
    private static final class Dct {
        private static final int MAX_FREQUENCIES = 7;
        private final int width;
        private final int height;
        private final double[][] cosX;
        private final double[][] cosY;

        Dct(int width, int height) {
            this.width = width;
            this.height = height;
            this.cosX = table(width);
            this.cosY = table(height);
        }

        private static double[][] table(int size) {
            double[][] table = new double[MAX_FREQUENCIES][size];
            for (int c = 0; c < MAX_FREQUENCIES; c++) {
                for (int i = 0; i < size; i++) {
                    table[c][i] = Math.cos(Math.PI / size * c * (i + 0.5));
                }
            }
            return table;
        }

        /** How many coefficients the triangle holds, the constant term included. */
        static int triangle(int nx, int ny) {
            int count = 0;
            for (int cy = 0; cy < ny; cy++) {
                for (int cx = 0; cx * ny < nx * (ny - cy); cx++) {
                    count++;
                }
            }
            return count;
        }

        /** Each coefficient is the mean of channel times basis; the AC terms leave mapped to 0..1. */
        Coefficients forward(double[] channel, int nx, int ny) {
            double dc = 0;
            double scale = 0;
            double[] ac = new double[triangle(nx, ny) - 1];
            int j = 0;
            for (int cy = 0; cy < ny; cy++) {
                double[] fy = cosY[cy];
                for (int cx = 0; cx * ny < nx * (ny - cy); cx++) {
                    double[] fx = cosX[cx];
                    double f = 0;
                    for (int y = 0; y < height; y++) {
                        double sum = 0;
                        int row = y * width;
                        for (int x = 0; x < width; x++) {
                            sum += channel[row + x] * fx[x];
                        }
                        f += sum * fy[y];
                    }
                    f /= width * height;
                    if (cx == 0 && cy == 0) {
                        dc = f;
                    } else {
                        ac[j++] = f;
                        scale = Math.max(scale, Math.abs(f));
                    }
                }
            }
            if (scale > 0) {
                for (int i = 0; i < ac.length; i++) {
                    ac[i] = 0.5 + 0.5 / scale * ac[i];
                }
            }
            return new Coefficients(dc, ac, scale);
        }

        /** The AC terms' sum at one pixel; each term counts twice, as the published decoders do. */
        double inverse(double[] ac, int nx, int ny, int x, int y) {
            double v = 0;
            int j = 0;
            for (int cy = 0; cy < ny; cy++) {
                double fy2 = 2 * cosY[cy][y];
                for (int cx = cy == 0 ? 1 : 0; cx * ny < nx * (ny - cy); cx++) {
                    v += ac[j++] * cosX[cx][x] * fy2;
                }
            }
            return v;
        }
    }
}
