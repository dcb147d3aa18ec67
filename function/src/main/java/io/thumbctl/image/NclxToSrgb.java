package io.thumbctl.image;

import java.util.Optional;

/**
 * Brings pixels described by an {@code nclx} colour box (ISO/IEC 23091-2 code points: primaries
 * and transfer characteristics) into sRGB, per pixel in linear light: decode with the source's
 * transfer function, a 3x3 matrix from its primaries to sRGB's (derived here from the
 * chromaticities libheif reports, through CIE XYZ), clip, encode with sRGB's.
 *
 * <p>What each transfer function decodes as:
 * <ul>
 *   <li>PQ (16, SMPTE ST 2084) and HLG (18) are HDR: no tone mapping, diffuse white is put at
 *       sRGB white and brighter values clip. PQ's diffuse white is 203 cd/m² (ITU-R BT.2408);
 *       HLG's is its 75% signal, taken through the inverse OETF (no OOTF). HDR photos from phones
 *       carry an SDR primary image with a gain map as an auxiliary image, which is never decoded,
 *       so this is for HDR-only AVIFs.
 *   <li>every other (BT.709, BT.601, BT.2020 10/12-bit, sRGB, unspecified) decodes with sRGB's
 *       transfer function, as browsers render such SDR images.
 * </ul>
 * Primaries whose white point is not D65 (DCI-P3's, XYZ's) are left as they are: no chromatic
 * adaptation is done.
 */
final class NclxToSrgb {

    static final int PRIMARIES_BT709 = 1;
    static final int PRIMARIES_UNSPECIFIED = 2;
    static final int TRANSFER_PQ = 16;
    static final int TRANSFER_HLG = 18;

    private static final double[] SRGB_XY = {0.64, 0.33, 0.30, 0.60, 0.15, 0.06, 0.3127, 0.3290};
    private static final int ENCODE_STEPS = 1 << 14;

    /** Linear light (relative to white) for each 8-bit input value. */
    private final double[] decode = new double[256];
    /** Source RGB to sRGB, row-major, linear light. */
    private final double[] matrix;
    /** sRGB's encoding of linear values 0..1 in {@link #ENCODE_STEPS} steps. */
    private final int[] encode = new int[ENCODE_STEPS + 1];

    private NclxToSrgb(double[] matrix, int transfer) {
        this.matrix = matrix;
        for (int v = 0; v < 256; v++) {
            decode[v] = toLinear(v / 255.0, transfer);
        }
        for (int i = 0; i <= ENCODE_STEPS; i++) {
            encode[i] = (int) Math.round(255 * srgbEncode((double) i / ENCODE_STEPS));
        }
    }

    /**
     * The conversion for these code points, or empty where the pixels are sRGB already (BT.709 or
     * unspecified primaries with an SDR transfer function).
     *
     * @param chromaticities red, green, blue and white x,y as libheif decodes the primaries
     */
    static Optional<NclxToSrgb> of(int primaries, int transfer, double[] chromaticities) {
        boolean srgbPrimaries = primaries == PRIMARIES_BT709 || primaries == PRIMARIES_UNSPECIFIED
                || !usable(chromaticities);
        boolean hdr = transfer == TRANSFER_PQ || transfer == TRANSFER_HLG;
        if (srgbPrimaries && !hdr) {
            return Optional.empty();
        }
        double[] matrix = srgbPrimaries ? new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1}
                : multiply(invert(toXyz(SRGB_XY)), toXyz(chromaticities));
        return Optional.of(new NclxToSrgb(matrix, transfer));
    }

    /** Converts 0xAARRGGBB (or 0x00RRGGBB) pixels in place; alpha is kept. */
    void apply(int[] pixels) {
        double[] m = matrix;
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            double r = decode[(p >>> 16) & 0xff];
            double g = decode[(p >>> 8) & 0xff];
            double b = decode[p & 0xff];
            pixels[i] = (p & 0xff000000)
                    | encoded(m[0] * r + m[1] * g + m[2] * b) << 16
                    | encoded(m[3] * r + m[4] * g + m[5] * b) << 8
                    | encoded(m[6] * r + m[7] * g + m[8] * b);
        }
    }

    /** Source RGB to sRGB in linear light, row-major (for tests and the docs). */
    double[] matrix() {
        return matrix.clone();
    }

    private int encoded(double linear) {
        double clipped = linear <= 0 ? 0 : Math.min(1, linear);
        return encode[(int) Math.round(clipped * ENCODE_STEPS)];
    }

    static double toLinear(double v, int transfer) {
        return switch (transfer) {
            case TRANSFER_PQ -> pqToNits(v) / 203.0;
            case TRANSFER_HLG -> hlgToScene(v) / hlgToScene(0.75);
            default -> srgbDecode(v);
        };
    }

    static double srgbDecode(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    static double srgbEncode(double linear) {
        return linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
    }

    /** SMPTE ST 2084's EOTF: signal 0..1 to cd/m² (0..10000). */
    static double pqToNits(double v) {
        double m1 = 2610.0 / 16384;
        double m2 = 2523.0 / 4096 * 128;
        double c1 = 3424.0 / 4096;
        double c2 = 2413.0 / 4096 * 32;
        double c3 = 2392.0 / 4096 * 32;
        double p = Math.pow(v, 1 / m2);
        return 10000 * Math.pow(Math.max(p - c1, 0) / (c2 - c3 * p), 1 / m1);
    }

    /** ITU-R BT.2100 HLG's inverse OETF: signal 0..1 to scene light 0..1. */
    static double hlgToScene(double v) {
        double a = 0.17883277;
        double b = 1 - 4 * a;
        double c = 0.5 - a * Math.log(4 * a);
        return v <= 0.5 ? v * v / 3 : (Math.exp((v - c) / a) + b) / 12;
    }

    /** Chromaticities libheif filled in, with a D65 white (no adaptation is done otherwise). */
    private static boolean usable(double[] xy) {
        for (int i = 0; i < 8; i++) {
            if (!(xy[i] > 0 && xy[i] < 1)) {
                return false;
            }
        }
        return Math.abs(xy[6] - 0.3127) < 0.002 && Math.abs(xy[7] - 0.3290) < 0.002;
    }

    /** RGB to XYZ for primaries and white x,y: the primaries' XYZ columns, scaled so that RGB 1,1,1 is the white. */
    static double[] toXyz(double[] xy) {
        double[] p = new double[9];
        for (int c = 0; c < 3; c++) {
            double x = xy[2 * c];
            double y = xy[2 * c + 1];
            p[c] = x / y;
            p[3 + c] = 1;
            p[6 + c] = (1 - x - y) / y;
        }
        double wx = xy[6];
        double wy = xy[7];
        double[] white = {wx / wy, 1, (1 - wx - wy) / wy};
        double[] inverse = invert(p);
        double[] s = new double[3];
        for (int r = 0; r < 3; r++) {
            s[r] = inverse[3 * r] * white[0] + inverse[3 * r + 1] * white[1] + inverse[3 * r + 2] * white[2];
        }
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[3 * r + c] = p[3 * r + c] * s[c];
            }
        }
        return m;
    }

    static double[] multiply(double[] a, double[] b) {
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[3 * r + c] = a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
            }
        }
        return m;
    }

    static double[] invert(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new double[]{
                (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
                (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
                (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det};
    }
}
