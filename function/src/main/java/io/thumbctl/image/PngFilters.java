package io.thumbctl.image;

/**
 * Reverses PNG's per-row filters in place (PNG specification, section 9). Written for Lambda's
 * C1-only JIT, which neither unrolls nor vectorises: one plain loop per filter type over
 * absolute offsets, and a Paeth predictor (the neighbour, of left, above and upper left, closest
 * to left + above - upper left; ties in that order) with branch-free absolute values and two
 * compares, which measured faster under C1 on noisy images than the specification's branches
 * and about as fast on smooth ones.
 */
final class PngFilters {

    private PngFilters() {
    }

    /**
     * Unfilters one row.
     *
     * @param row       the row's filter-type byte; the {@code rowBytes} bytes after it are unfiltered in place
     * @param prior     the previous row's filter-type byte position in {@code priorBuf} (already
     *                  unfiltered), or a row of zeros for the first row
     * @param stride    bytes per complete pixel, at least 1
     * @throws ImageException ({@code corrupt}) for a filter type other than 0-4
     */
    static void unfilter(byte[] buf, int row, byte[] priorBuf, int prior, int rowBytes, int stride)
            throws ImageException {
        int start = row + 1;
        int end = start + rowBytes;
        int up = prior + 1;
        int firstEnd = start + Math.min(stride, rowBytes);
        switch (buf[row]) {
            case 0 -> {
            }
            case 1 -> {
                for (int i = firstEnd; i < end; i++) {
                    buf[i] += buf[i - stride];
                }
            }
            case 2 -> {
                for (int i = start, j = up; i < end; i++, j++) {
                    buf[i] += priorBuf[j];
                }
            }
            case 3 -> {
                for (int i = start, j = up; i < firstEnd; i++, j++) {
                    buf[i] += (priorBuf[j] & 0xff) >> 1;
                }
                for (int i = firstEnd, j = up + stride; i < end; i++, j++) {
                    buf[i] += ((buf[i - stride] & 0xff) + (priorBuf[j] & 0xff)) >> 1;
                }
            }
            case 4 -> {
                for (int i = start, j = up; i < firstEnd; i++, j++) {
                    buf[i] += priorBuf[j];
                }
                // The predictor is written out here: C1 would not inline a method this size.
                for (int i = firstEnd, j = up + stride; i < end; i++, j++) {
                    int left = buf[i - stride] & 0xff;
                    int above = priorBuf[j] & 0xff;
                    int upperLeft = priorBuf[j - stride] & 0xff;
                    int pa = above - upperLeft;
                    int pb = left - upperLeft;
                    int pc = pa + pb;
                    pa = (pa ^ (pa >> 31)) - (pa >> 31);
                    pb = (pb ^ (pb >> 31)) - (pb >> 31);
                    pc = (pc ^ (pc >> 31)) - (pc >> 31);
                    if (pb < pa) {
                        left = above;
                        pa = pb;
                    }
                    buf[i] += pc < pa ? upperLeft : left;
                }
            }
            default -> throw new ImageException(ImageException.CORRUPT,
                    "cannot decode: unknown PNG row filter type " + (buf[row] & 0xff));
        }
    }
}
