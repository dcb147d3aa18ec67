package io.thumbctl.image;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DNL = 0xDC;
    private static final int SOF2 = 0xC2;

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
            jpeg[end + 1] = (byte) EOI;
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
        return new Walk(prefix).run();
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
            pos = marker == SOS ? endOfEntropyData(jpeg, jpeg.length, segmentEnd) : segmentEnd;
            if (pos < 0) {
                return;
            }
        }
    }

    /**
     * The offset of the marker that ends the entropy-coded data starting at {@code from}, or -1
     * if the bytes end first. Inside the data, 0xFF is followed by 0x00 (a stuffed 0xFF byte), by
     * RST0-7 (restart markers, part of the scan) or by more 0xFF fill bytes.
     */
    private static int endOfEntropyData(byte[] b, int n, int from) {
        int i = from;
        while (true) {
            while (i < n && (b[i] & 0xFF) != 0xFF) {
                i++;
            }
            int start = i;
            while (i < n && (b[i] & 0xFF) == 0xFF) {
                i++;
            }
            if (i >= n) {
                return -1;
            }
            int next = b[i] & 0xFF;
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                i++;
                continue;
            }
            return start;
        }
    }

    /** One pass over the markers of one prefix. */
    private static final class Walk {
        private final byte[] b;
        private final int n;
        private int pos;
        private int width;
        private int height;
        private final Map<Integer, Integer> dcPointTransform = new HashMap<>(); // component id -> Al so far
        private int[] componentIds;

        Walk(byte[] prefix) {
            this.b = prefix;
            this.n = prefix.length;
        }

        Inspection run() {
            if (n < 2) {
                return new NeedMore(2);
            }
            if (u8(0) != 0xFF || u8(1) != SOI) {
                return new NotEligible("not a JPEG");
            }
            pos = 2;
            while (true) {
                // Any number of 0xFF fill bytes may precede a marker code.
                if (pos >= n) {
                    return new NeedMore(pos + 2);
                }
                if (u8(pos) != 0xFF) {
                    return new NotEligible("bytes outside any segment at offset " + pos);
                }
                while (pos < n && u8(pos) == 0xFF) {
                    pos++;
                }
                if (pos >= n) {
                    return new NeedMore(pos + 1);
                }
                int marker = u8(pos);
                pos++;
                if (marker == EOI) {
                    return new NotEligible("the image ends before every component's DC is complete");
                }
                if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) || marker == SOI) {
                    return new NotEligible(String.format("marker 0x%02X outside a scan", marker));
                }
                if (pos + 2 > n) {
                    return new NeedMore(pos + 2);
                }
                int length = u16(pos);
                if (length < 2) {
                    return new NotEligible(String.format("segment 0x%02X has length %d", marker, length));
                }
                int segmentEnd = pos + length;
                if (segmentEnd > n) {
                    return new NeedMore(segmentEnd + 2);
                }
                Inspection verdict = segment(marker, pos + 2, segmentEnd);
                if (verdict != null) {
                    return verdict;
                }
                pos = segmentEnd;
                if (marker == SOS) {
                    int scanEnd = endOfEntropyData(b, n, pos);
                    if (scanEnd < 0) {
                        return new NeedMore(n + 2);
                    }
                    pos = scanEnd;
                    if (dcComplete()) {
                        return new Complete(scanEnd, width, height);
                    }
                }
            }
        }

        /** Checks one segment; null to go on. {@code from..to} is its payload after the length. */
        private Inspection segment(int marker, int from, int to) {
            if (marker == SOF2) {
                return frame(from, to);
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return new NotEligible(frameKind(marker));
            }
            if (marker == 0xCC) {
                return new NotEligible("arithmetic coding (DAC)");
            }
            if (marker == DNL) {
                return new NotEligible("the height is defined by a DNL marker");
            }
            if (marker == 0xDE || marker == 0xDF) {
                return new NotEligible("hierarchical JPEG");
            }
            if (marker == SOS) {
                return componentIds == null ? new NotEligible("a scan before the frame header") : scan(from, to);
            }
            // DHT, DQT, DRI, APPn and COM may come before the frame and between scans.
            if (marker == 0xC4 || marker == 0xDB || marker == 0xDD || (marker >= 0xE0 && marker <= 0xEF)
                    || marker == 0xFE) {
                return null;
            }
            return new NotEligible(String.format("unexpected marker 0x%02X", marker));
        }

        private Inspection frame(int from, int to) {
            if (componentIds != null) {
                return new NotEligible("two frame headers");
            }
            if (to - from < 6) {
                return new NotEligible("short frame header");
            }
            int precision = u8(from);
            height = u16(from + 1);
            width = u16(from + 3);
            int count = u8(from + 5);
            if (precision != 8) {
                return new NotEligible(precision + "-bit samples");
            }
            if (height == 0) {
                return new NotEligible("the height is defined by a DNL marker");
            }
            if (width == 0) {
                return new NotEligible("zero width");
            }
            if (count != 1 && count != 3) {
                // 4 components are CMYK/YCCK, which the native path leaves to ImageIO (ICC profiles).
                return new NotEligible(count + " components");
            }
            if (to - from != 6 + 3 * count) {
                return new NotEligible("frame header length does not match its component count");
            }
            componentIds = new int[count];
            for (int i = 0; i < count; i++) {
                componentIds[i] = u8(from + 6 + 3 * i);
                if (dcPointTransform.putIfAbsent(componentIds[i], -1) != null) {
                    return new NotEligible("component " + componentIds[i] + " declared twice");
                }
            }
            return null;
        }

        private Inspection scan(int from, int to) {
            int count = to - from >= 1 ? u8(from) : 0;
            if (count < 1 || count > 4 || to - from != 1 + 2 * count + 3) {
                return new NotEligible("malformed scan header");
            }
            int spectralStart = u8(to - 3);
            int spectralEnd = u8(to - 2);
            int high = u8(to - 1) >> 4;
            int low = u8(to - 1) & 0x0F;
            for (int i = 0; i < count; i++) {
                int id = u8(from + 1 + 2 * i);
                Integer known = dcPointTransform.get(id);
                if (known == null) {
                    return new NotEligible("a scan names component " + id + ", which the frame does not declare");
                }
                if (spectralStart == 0) {
                    if (spectralEnd != 0) {
                        return new NotEligible("a progressive scan mixes DC and AC coefficients");
                    }
                    boolean first = high == 0 && known == -1;
                    boolean refinement = high != 0 && known == high && low == high - 1;
                    if (!first && !refinement) {
                        return new NotEligible("DC successive approximation out of order (Ah=" + high + ", Al=" + low + ")");
                    }
                    dcPointTransform.put(id, low);
                } else {
                    if (count != 1 || spectralEnd < spectralStart || spectralEnd > 63) {
                        return new NotEligible("malformed AC scan");
                    }
                    if (known == -1) {
                        return new NotEligible("an AC scan before component " + id + "'s DC scan");
                    }
                }
            }
            return null;
        }

        private boolean dcComplete() {
            for (int id : componentIds) {
                int al = dcPointTransform.get(id);
                if (al < 0 || al > MAX_DC_POINT_TRANSFORM) {
                    return false;
                }
            }
            return true;
        }

        private static String frameKind(int marker) {
            return switch (marker) {
                case 0xC0 -> "baseline JPEG";
                case 0xC1 -> "extended sequential JPEG";
                case 0xC3, 0xC7, 0xCB, 0xCF -> "lossless JPEG";
                case 0xC5, 0xC6, 0xCD, 0xCE -> "hierarchical JPEG";
                default -> "arithmetic-coded JPEG";
            };
        }

        private int u8(int at) {
            return b[at] & 0xFF;
        }

        private int u16(int at) {
            return (u8(at) << 8) | u8(at + 1);
        }
    }
}
