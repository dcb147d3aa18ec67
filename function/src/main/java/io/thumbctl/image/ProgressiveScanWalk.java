package io.thumbctl.image;

import io.thumbctl.image.ProgressivePrefix.Complete;
import io.thumbctl.image.ProgressivePrefix.Inspection;
import io.thumbctl.image.ProgressivePrefix.NeedMore;
import io.thumbctl.image.ProgressivePrefix.NotEligible;

import java.util.HashMap;
import java.util.Map;

import static io.thumbctl.image.JpegMarkers.DNL;
import static io.thumbctl.image.JpegMarkers.EOI;
import static io.thumbctl.image.JpegMarkers.SOF2;
import static io.thumbctl.image.JpegMarkers.SOI;
import static io.thumbctl.image.JpegMarkers.SOS;
import static io.thumbctl.image.JpegMarkers.endOfEntropyData;

/** One pass over the markers of one prefix, for {@link ProgressivePrefix#inspect}: markers only, no decoding. */
final class ProgressiveScanWalk {
    private final byte[] b;
    private final int n;
    private int pos;
    private int width;
    private int height;
    private final Map<Integer, Integer> dcPointTransform = new HashMap<>(); // component id -> Al so far
    private int[] componentIds;

    ProgressiveScanWalk(byte[] prefix) {
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
            if (al < 0 || al > ProgressivePrefix.MAX_DC_POINT_TRANSFORM) {
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
