package io.thumbctl.image;

import com.sun.jna.Memory;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The fast PNG path: inflates the image data, unfilters each row in place and keeps every n-th
 * pixel of every n-th row, the same grid ImageIO's subsampled read keeps
 * ({@link ImageIoDecoder#OVERSAMPLE}), so the result is the same image without ImageIO's per-row
 * stream layers and per-pixel raster calls.
 *
 * <p>Two ways to inflate: image data that inflates to at most {@link #WHOLE_INFLATE_MAX_BYTES}
 * goes through the bundled {@link Libdeflate} at once (path {@code png-libdeflate}); larger
 * images, and every image where libdeflate does not load or declines the data, are inflated a
 * block of rows at a time by the JDK's Inflater (native zlib; path {@code png-stream}). Either way
 * memory stays bounded: at most twice that limit of native memory for a small image, and a block
 * of rows plus the reduced image for a large one, whatever its size.
 *
 * <p>It reads non-interlaced PNGs with 8-bit gray, gray+alpha, RGB and RGBA, and palettes of 1-8
 * bits (see {@link PngLayout#streamable}), and declines (empty result) everything else before
 * decoding any pixel, so ImageIO reads it exactly as before. Chunk CRCs and truncation are
 * checked first ({@link PngChunks#verify}), the pixel limit from IHDR before anything is
 * allocated; a broken zlib stream, a bad filter type or image data that ends early fail as
 * {@code corrupt}, as they do in ImageIO. Like ImageIO it ignores gAMA, cHRM, sRGB and iCCP: the
 * samples are taken as sRGB. It stops between two blocks of rows when its thread is interrupted,
 * which is how {@link ThumbnailRenderer}'s time bound ends it.
 */
final class PngStreamDecoder {

    /**
     * Largest inflated image data (filter bytes included) inflated at once by libdeflate: 4 MP of
     * RGBA. Measured on the corpus: 15-58% less decode time for 1.3-2.8 MP PNGs; for 8.7 MP ones
     * (35 MB inflated) the fresh buffer's page faults ate the gain, and they were up to 29% slower.
     * Below glibc's 32 MB mmap threshold a buffer freed is reused by the next malloc, faults and all.
     */
    static final long WHOLE_INFLATE_MAX_BYTES = 16 << 20;

    /** Inflated per call: large enough that the JNI call costs nothing, small enough to stay in cache. */
    private static final int BLOCK_BYTES = 128 * 1024;

    /** Wider rows than this (a 262,144-pixel-wide RGBA strip) are left to ImageIO. */
    private static final long MAX_ROW_BYTES = 1 << 20;

    private final Optional<Libdeflate> libdeflate;

    /** @param libdeflate empty inflates every image through the JDK's Inflater */
    PngStreamDecoder(Optional<Libdeflate> libdeflate) {
        this.libdeflate = libdeflate;
    }

    Optional<Decoded> decode(byte[] png, DecodeRequest request) throws ImageException {
        PngChunks.verify(png);
        Optional<PngLayout> found = PngLayout.read(png);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PngLayout layout = found.get();
        request.checkPixels(layout.width(), layout.height());
        if (!layout.streamable() || layout.rowBytes() > MAX_ROW_BYTES || !zlibHeaderOk(png, layout.firstIdat())) {
            return Optional.empty();
        }
        int width = layout.width();
        int height = layout.height();
        BoxFit fit = request.fit(width, height);
        int step = ImageIoDecoder.subsampling(width, height, fit.width() * ImageIoDecoder.OVERSAMPLE,
                fit.height() * ImageIoDecoder.OVERSAMPLE);
        BufferedImage image = new BufferedImage((width + step - 1) / step, (height + step - 1) / step,
                layout.hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Rows rows = new Rows(png, layout, step, image);
        if (libdeflate.isPresent() && rows.readWhole(libdeflate.get())) {
            return Optional.of(new Decoded(image, "png", width, height, DecodePath.PNG_LIBDEFLATE));
        }
        rows.readStreaming();
        return Optional.of(new Decoded(image, "png", width, height, DecodePath.PNG_STREAM));
    }

    /** RFC 1950: deflate, a window of at most 32 KB, no preset dictionary, header check. */
    private static boolean zlibHeaderOk(byte[] png, int firstIdat) {
        int length = (png[firstIdat] & 0xff) << 24 | (png[firstIdat + 1] & 0xff) << 16
                | (png[firstIdat + 2] & 0xff) << 8 | (png[firstIdat + 3] & 0xff);
        if (length < 2) {
            return false;
        }
        int cmf = png[firstIdat + 8] & 0xff;
        int flg = png[firstIdat + 9] & 0xff;
        return (cmf & 0x0f) == 8 && cmf >> 4 <= 7 && (flg & 0x20) == 0 && (cmf << 8 | flg) % 31 == 0;
    }

    /** One decode: the image data, where the sampled pixels go, the next IDAT chunk to feed. */
    private static final class Rows {
        private final byte[] png;
        private final PngLayout layout;
        private final int step;
        private final int outWidth;
        private final int[] out;
        private final int rowBytes;
        private final int rowLength;
        private int nextChunk;

        Rows(byte[] png, PngLayout layout, int step, BufferedImage image) {
            this.png = png;
            this.layout = layout;
            this.step = step;
            this.outWidth = image.getWidth();
            this.out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            this.rowBytes = (int) layout.rowBytes();
            this.rowLength = rowBytes + 1;
        }

        /** Where the unfiltered rows come from: {@code want} inflated bytes for the rows from {@code y} on. */
        private interface Source {
            void fill(byte[] block, int want, int y) throws ImageException;
        }

        /**
         * The image data inflated at once by libdeflate, then unfiltered block by block.
         *
         * @return false, having decoded nothing, when the data is too large for it or libdeflate
         *         declines it (broken, or inflating to more or less than the image)
         */
        boolean readWhole(Libdeflate library) throws ImageException {
            long inflated = (long) rowLength * layout.height();
            long compressed = idatRunBytes() - 2;
            if (inflated > WHOLE_INFLATE_MAX_BYTES || compressed <= 0 || compressed > WHOLE_INFLATE_MAX_BYTES) {
                return false;
            }
            try (Memory in = new Memory(compressed); Memory out = new Memory(inflated)) {
                long at = 0;
                int first = layout.firstIdat();
                in.write(at, png, first + 10, length(first) - 2);
                at += length(first) - 2;
                for (int pos = first + 12 + length(first); pos + 12 <= png.length && isIdat(pos);
                     pos += 12 + length(pos)) {
                    in.write(at, png, pos + 8, length(pos));
                    at += length(pos);
                }
                if (!library.inflate(in, out)) {
                    return false;
                }
                unfilterAll((block, want, y) -> out.read((long) y * rowLength, block, 0, want));
                return true;
            }
        }

        /** The image data inflated a block of rows at a time by the JDK's Inflater, fed chunk by chunk. */
        void readStreaming() throws ImageException {
            // The zlib header was checked; its Adler-32 trailer is not (the chunk CRCs cover the
            // bytes, and ImageIO never reads that far either), hence a raw inflater after the header.
            Inflater inflater = new Inflater(true);
            try {
                int first = layout.firstIdat();
                inflater.setInput(png, first + 10, length(first) - 2);
                nextChunk = first + 12 + length(first);
                unfilterAll((block, want, y) -> fill(inflater, block, want, y));
            } finally {
                inflater.end();
            }
        }

        private void unfilterAll(Source source) throws ImageException {
            int height = layout.height();
            int stride = layout.filterStride();
            int rowsPerBlock = Math.max(1, Math.min(height, BLOCK_BYTES / rowLength));
            byte[] block = new byte[rowsPerBlock * rowLength];
            byte[] previous = new byte[rowLength];
            for (int y = 0; y < height; ) {
                if (Thread.currentThread().isInterrupted()) {
                    // only after the renderer's time bound (or its caller's) has passed
                    throw new RetryableRenderException(RetryableRenderException.TIMEOUT,
                            "decoding was stopped: the render's time ran out", null);
                }
                int rows = Math.min(rowsPerBlock, height - y);
                source.fill(block, rows * rowLength, y);
                for (int r = 0; r < rows; r++, y++) {
                    int row = r * rowLength;
                    if (r == 0) {
                        PngFilters.unfilter(block, row, previous, 0, rowBytes, stride);
                    } else {
                        PngFilters.unfilter(block, row, block, row - rowLength, rowBytes, stride);
                    }
                    if (y % step == 0) {
                        sample(block, row + 1, (y / step) * outWidth);
                    }
                }
                System.arraycopy(block, (rows - 1) * rowLength, previous, 0, rowLength);
            }
        }

        /** Bytes of image data in the run of IDAT chunks from the first one (ImageIO reads a single run too). */
        private long idatRunBytes() {
            long total = 0;
            for (int pos = layout.firstIdat(); pos + 12 <= png.length && isIdat(pos); pos += 12 + length(pos)) {
                total += length(pos);
            }
            return total;
        }

        /** Inflates exactly {@code want} bytes into the block, feeding IDAT chunks as needed. */
        private void fill(Inflater inflater, byte[] block, int want, int y) throws ImageException {
            int filled = 0;
            while (filled < want) {
                int remaining = inflater.getRemaining();
                int n;
                try {
                    n = inflater.inflate(block, filled, want - filled);
                } catch (DataFormatException e) {
                    throw new ImageException(ImageException.CORRUPT, "cannot decode: broken PNG image data: "
                            + e.getMessage(), e);
                }
                filled += n;
                if (n > 0) {
                    continue;
                }
                if (inflater.needsInput()) {
                    if (!feed(inflater)) {
                        throw endsEarly(y, filled);
                    }
                } else if (inflater.finished() || inflater.needsDictionary() || inflater.getRemaining() == remaining) {
                    throw endsEarly(y, filled);
                }
            }
        }

        /** The next IDAT chunk, if the one before was followed by another. */
        private boolean feed(Inflater inflater) {
            if (nextChunk + 12 > png.length || !isIdat(nextChunk)) {
                return false;
            }
            int length = length(nextChunk);
            inflater.setInput(png, nextChunk + 8, length);
            nextChunk += 12 + length;
            return true;
        }

        private ImageException endsEarly(int y, int filled) {
            return new ImageException(ImageException.CORRUPT, "cannot decode: the PNG image data ends in row "
                    + (y + filled / rowLength + 1) + " of " + layout.height());
        }

        private boolean isIdat(int pos) {
            return png[pos + 4] == 'I' && png[pos + 5] == 'D' && png[pos + 6] == 'A' && png[pos + 7] == 'T';
        }

        private int length(int pos) {
            return (png[pos] & 0xff) << 24 | (png[pos + 1] & 0xff) << 16 | (png[pos + 2] & 0xff) << 8
                    | (png[pos + 3] & 0xff);
        }

        /** Every step-th pixel of the unfiltered row starting at {@code pos}, as ARGB (or RGB) ints. */
        private void sample(byte[] row, int pos, int o) {
            int[] dst = out;
            int n = outWidth;
            switch (layout.colorType()) {
                case PngLayout.RGB_ALPHA -> {
                    for (int x = 0, i = pos, d = 4 * step; x < n; x++, i += d) {
                        dst[o + x] = (row[i + 3] & 0xff) << 24 | (row[i] & 0xff) << 16 | (row[i + 1] & 0xff) << 8
                                | (row[i + 2] & 0xff);
                    }
                }
                case PngLayout.RGB -> {
                    for (int x = 0, i = pos, d = 3 * step; x < n; x++, i += d) {
                        dst[o + x] = (row[i] & 0xff) << 16 | (row[i + 1] & 0xff) << 8 | (row[i + 2] & 0xff);
                    }
                }
                // Gray is copied to R, G and B as it is, as Pillow and browsers show it.
                case PngLayout.GRAY_ALPHA -> {
                    for (int x = 0, i = pos, d = 2 * step; x < n; x++, i += d) {
                        dst[o + x] = (row[i + 1] & 0xff) << 24 | (row[i] & 0xff) * 0x010101;
                    }
                }
                case PngLayout.GRAY -> {
                    for (int x = 0, i = pos; x < n; x++, i += step) {
                        dst[o + x] = (row[i] & 0xff) * 0x010101;
                    }
                }
                default -> samplePalette(row, pos, o);
            }
        }

        private void samplePalette(byte[] row, int pos, int o) {
            int[] palette = layout.paletteArgb();
            int bits = layout.bitDepth();
            int mask = (1 << bits) - 1;
            for (int x = 0; x < outWidth; x++) {
                long bit = (long) x * step * bits;
                int shift = 8 - bits - (int) (bit & 7);
                out[o + x] = palette[(row[pos + (int) (bit >> 3)] >> shift) & mask];
            }
        }
    }
}
