package io.thumbctl.image;

import java.util.Arrays;

/**
 * Finds where a progressive JPEG's DC coefficients end, so that a thumbnail decoded at 1/8 scale
 * (where the inverse DCT reads nothing but each block's DC coefficient) can be made from the
 * first few percent of the file.
 *
 * <p>A progressive JPEG sends its coefficients in scans: libjpeg's default script, which most
 * encoders use, starts with one interleaved DC scan at point transform {@code Al = 1} (every DC
 * value but its lowest bit), then the AC bands, and refines the DC's last bit near the end. The
 * prefix is {@link Complete} once every component's DC is known to within
 * {@link #MAX_DC_POINT_TRANSFORM} bits, which the first scan usually gives; scans that come in
 * between (AC bands) are simply part of the prefix. A DC value missing its last bit moves a block's
 * mean by at most an eighth of the DC quantiser: about one level of 255 at usual qualities (0.2-1.0
 * mean difference measured on thumbnails of real photos).
 *
 * <p>{@link #inspect} reads markers only and never decodes. It answers {@link NotEligible} for
 * anything it does not fully understand — baseline, lossless, hierarchical or arithmetic-coded
 * files, 12-bit samples, CMYK, a height defined later by DNL, an AC scan before its component's
 * DC, malformed segments, an end of image before the DC is complete — and the caller reads the
 * whole object as before. Stateless and thread-safe.
 */
public final class ProgressivePrefix {

    /** DC values may lack at most this many low bits (libjpeg's default first DC scan has Al = 1). */
    static final int MAX_DC_POINT_TRANSFORM = 1;

    /**
     * What to read first: the DC scan ended 3-20% into the progressive photos measured, after
     * 10-70 KB of headers (EXIF, ICC). A fifth of the object plus 64 KB covers them in one request
     * on those photos; a second request costs one S3 round trip, about as much as 1 MB more.
     */
    private static final int HEADER_ALLOWANCE = 64 * 1024;
    private static final int MIN_FIRST_RANGE = 128 * 1024;

    private ProgressivePrefix() {
    }

    /** The answer for a prefix of a file. */
    public sealed interface Inspection permits Complete, NeedMore, NotEligible {
    }

    /**
     * The first {@code end} bytes hold every header and the DC of every component; what follows
     * them is not needed at 1/8 scale.
     */
    public record Complete(int end, int width, int height) implements Inspection {
        /**
         * The prefix cut at {@code end} and closed with an end-of-image marker, with its AC
         * quantisers set to zero: a JPEG that libjpeg decodes at 1/8 scale into the pixels of the
         * whole file. The zeros change no coefficient (1/8 scale reads the DC alone) but keep
         * libjpeg-turbo (2.1 and later) from "interpolating" a file that has no AC data yet: it
         * would otherwise blur each DC value with its neighbours' (block smoothing, which a decode
         * of the whole file never applies), moving thumbnail pixels by up to 30 levels.
         */
        public byte[] decodable(byte[] prefix) {
            if (prefix.length < end) {
                throw new IllegalArgumentException("a prefix of " + prefix.length + " bytes ends before " + end);
            }
            byte[] jpeg = Arrays.copyOf(prefix, end + 2);
            jpeg[end] = (byte) 0xFF;
            jpeg[end + 1] = (byte) JpegMarkers.EOI;
            zeroAcQuantisers(jpeg, end);
            return jpeg;
        }
    }

    /** The prefix stops before the DC is complete; read at least {@code minBytes} bytes in all. */
    public record NeedMore(int minBytes) implements Inspection {
    }

    /** This file cannot be thumbnailed from a prefix (the reason is for logs); read all of it. */
    public record NotEligible(String reason) implements Inspection {
    }

    /** How many bytes to request first for an object of {@code objectSize} bytes (never more than it has). */
    public static long firstRangeBytes(long objectSize) {
        long suggested = Math.max(MIN_FIRST_RANGE, objectSize / 5 + HEADER_ALLOWANCE);
        return Math.min(objectSize, suggested);
    }

    /** Inspects the first {@code prefix.length} bytes of a file. */
    public static Inspection inspect(byte[] prefix) {
        return new ProgressiveScanWalk(prefix).run();
    }

    /**
     * Zeroes entries 1-63 of every quantisation table (DQT) before {@code end}, where the
     * end-of-image marker sits; the markers were walked by {@link #inspect} already.
     */
    private static void zeroAcQuantisers(byte[] jpeg, int end) {
        int pos = 2;
        while (pos < end) {
            while (pos < end && (jpeg[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            int marker = jpeg[pos] & 0xFF;
            int length = ((jpeg[pos + 1] & 0xFF) << 8) | (jpeg[pos + 2] & 0xFF);
            int payload = pos + 3;
            int segmentEnd = pos + 1 + length;
            if (marker == 0xDB) {
                int table = payload;
                while (table < segmentEnd) {
                    int entryBytes = (jpeg[table] & 0xF0) == 0 ? 1 : 2;
                    if (table + 1 + 64 * entryBytes > segmentEnd) {
                        break; // a malformed table: libjpeg will refuse it, and the caller falls back
                    }
                    Arrays.fill(jpeg, table + 1 + entryBytes, table + 1 + 64 * entryBytes, (byte) 0);
                    table += 1 + 64 * entryBytes;
                }
            }
            pos = marker == JpegMarkers.SOS ? JpegMarkers.endOfEntropyData(jpeg, jpeg.length, segmentEnd) : segmentEnd;
            if (pos < 0) {
                return;
            }
        }
    }
}
