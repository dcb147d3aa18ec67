package io.thumbctl.image;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * What {@link PngStreamDecoder} needs from a PNG's chunks before its image data: the IHDR fields,
 * the palette (with its tRNS alpha) as ARGB colours, and where the image data starts. Read from a
 * file whose chunk structure {@link PngChunks#verify} has already accepted.
 *
 * @param paletteArgb for colour type 3: one ARGB colour per possible index (2^bitDepth), padded
 *                    the way the JDK's PNG reader pads a short palette; null otherwise
 * @param firstIdat   offset of the first IDAT chunk (its length field)
 */
record PngLayout(int width, int height, int bitDepth, int colorType, boolean interlaced, boolean transparentColor,
                 int[] paletteArgb, boolean paletteHasAlpha, int firstIdat) {

    static final int GRAY = 0;
    static final int RGB = 2;
    static final int PALETTE = 3;
    static final int GRAY_ALPHA = 4;
    static final int RGB_ALPHA = 6;

    private static final int IHDR_END = 8 + 8 + 13 + 4;

    /** Empty when the file does not start with a well-formed IHDR or has no IDAT chunk. */
    static Optional<PngLayout> read(byte[] png) {
        if (png.length < IHDR_END || !chunkIs(png, 8, "IHDR") || ByteBuffer.wrap(png).getInt(8) != 13) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(png);
        int width = buf.getInt(16);
        int height = buf.getInt(20);
        int bitDepth = png[24] & 0xff;
        int colorType = png[25] & 0xff;
        boolean standardMethods = png[26] == 0 && png[27] == 0;
        boolean interlaced = png[28] != 0;
        byte[] plte = null;
        byte[] trns = null;
        int pos = 8;
        while (pos + 12 <= png.length) {
            int length = buf.getInt(pos);
            if (length < 0 || length > png.length - pos - 12) {
                return Optional.empty();
            }
            if (chunkIs(png, pos, "IDAT")) {
                if (!standardMethods) {
                    return Optional.empty();
                }
                boolean hasTrnsColor = trns != null && (colorType == GRAY || colorType == RGB);
                int[] palette = colorType == PALETTE && plte != null && bitDepth <= 8 ? palette(plte, trns, bitDepth) : null;
                boolean paletteAlpha = palette != null && Arrays.stream(palette).anyMatch(argb -> argb >>> 24 != 0xff);
                return Optional.of(new PngLayout(width, height, bitDepth, colorType, interlaced, hasTrnsColor,
                        palette, paletteAlpha, pos));
            }
            boolean isPlte = chunkIs(png, pos, "PLTE");
            boolean isTrns = chunkIs(png, pos, "tRNS");
            if ((isPlte && plte != null) || (isTrns && trns != null) || chunkIs(png, pos, "IEND")) {
                return Optional.empty(); // not a file to second-guess the JDK's reader on
            }
            if (isPlte) {
                plte = Arrays.copyOfRange(png, pos + 8, pos + 8 + length);
            } else if (isTrns && (colorType != PALETTE || plte != null)) {
                // the JDK's reader ignores a palette's tRNS that comes before its PLTE
                trns = Arrays.copyOfRange(png, pos + 8, pos + 8 + length);
            }
            pos += 12 + length;
        }
        return Optional.empty();
    }

    /**
     * Whether {@link PngStreamDecoder} reads this image: not interlaced, 8 bits per sample (or a
     * palette of 1-8 bits), no single transparent colour. The rest (16-bit, interlaced, gray below
     * 8 bits, tRNS on gray or RGB) is rare enough to leave to ImageIO.
     */
    boolean streamable() {
        if (interlaced || transparentColor) {
            return false;
        }
        return switch (colorType) {
            case GRAY, RGB, GRAY_ALPHA, RGB_ALPHA -> bitDepth == 8;
            case PALETTE -> paletteArgb != null && (bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8);
            default -> false;
        };
    }

    /** Bytes per complete pixel, at least 1: the distance the Sub, Average and Paeth filters look back. */
    int filterStride() {
        return Math.max(1, bitsPerPixel() / 8);
    }

    int bitsPerPixel() {
        int samples = switch (colorType) {
            case RGB -> 3;
            case GRAY_ALPHA -> 2;
            case RGB_ALPHA -> 4;
            default -> 1;
        };
        return samples * bitDepth;
    }

    /** Bytes of one row after its filter-type byte. */
    long rowBytes() {
        return ((long) width * bitsPerPixel() + 7) / 8;
    }

    boolean hasAlpha() {
        return colorType == GRAY_ALPHA || colorType == RGB_ALPHA || paletteHasAlpha;
    }

    /**
     * The palette as the JDK's reader builds it, so an out-of-range index (an error the spec
     * leaves to decoders) looks the same on both paths: entries beyond 2^bitDepth dropped, the
     * table rounded up to 2, 4, 16 or 256 entries with black, then padded to 2^bitDepth with its
     * last entry; tRNS alpha for as many entries as it has, opaque for the rest.
     */
    private static int[] palette(byte[] plte, byte[] trns, int bitDepth) {
        int possible = 1 << Math.min(8, bitDepth);
        int entries = Math.min(plte.length / 3, possible);
        if (entries == 0) {
            return null;
        }
        int rounded = entries > 16 ? 256 : entries > 4 ? 16 : entries > 2 ? 4 : 2;
        int[] rgb = new int[Math.max(rounded, possible)];
        for (int i = 0; i < entries; i++) {
            rgb[i] = (plte[3 * i] & 0xff) << 16 | (plte[3 * i + 1] & 0xff) << 8 | (plte[3 * i + 2] & 0xff);
        }
        for (int i = rounded; i < rgb.length; i++) {
            rgb[i] = rgb[rounded - 1];
        }
        int[] argb = new int[possible];
        for (int i = 0; i < possible; i++) {
            int alpha = trns != null && i < trns.length && i < rounded ? trns[i] & 0xff : 0xff;
            argb[i] = alpha << 24 | rgb[i];
        }
        return argb;
    }

    private static boolean chunkIs(byte[] png, int pos, String type) {
        return png[pos + 4] == type.charAt(0) && png[pos + 5] == type.charAt(1) && png[pos + 6] == type.charAt(2)
                && png[pos + 7] == type.charAt(3);
    }
}
