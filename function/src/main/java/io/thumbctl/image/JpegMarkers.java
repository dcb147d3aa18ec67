package io.thumbctl.image;

/** JPEG's marker codes that the prefix inspection reads, and where a scan's entropy-coded data ends. */
final class JpegMarkers {

    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    static final int DNL = 0xDC;
    static final int SOF2 = 0xC2;

    private JpegMarkers() {
    }

    /**
     * The offset of the marker that ends the entropy-coded data starting at {@code from}, or -1
     * if the bytes end first. Inside the data, 0xFF is followed by 0x00 (a stuffed 0xFF byte), by
     * RST0-7 (restart markers, part of the scan) or by more 0xFF fill bytes.
     */
    static int endOfEntropyData(byte[] b, int n, int from) {
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
}
