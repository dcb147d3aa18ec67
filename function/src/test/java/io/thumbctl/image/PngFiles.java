package io.thumbctl.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * Writes PNGs byte by byte for the PNG tests, with what ImageIO's writer does not let a test
 * choose: the filter of every row, how the image data is cut into IDAT chunks, a palette and
 * tRNS of any length, and damage (a stream that ends early, a bad filter type). Filtering follows
 * the specification's definitions, written here independently of {@link PngFilters}.
 */
final class PngFiles {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngFiles() {
    }

    /** A PNG under construction: IHDR fields, extra chunks before IDAT, unfiltered rows. */
    static final class Builder {
        private final int width;
        private final int height;
        private final int bitDepth;
        private final int colorType;
        private final byte[][] rows;
        private final ByteArrayOutputStream before = new ByteArrayOutputStream();
        private IntUnaryOperator filterOfRow = y -> y % 5;
        private int idatChunkBytes = 8192;
        private int level = 6;
        private boolean interlaced;

        /** @param rows unfiltered rows, each exactly the row size the header implies */
        Builder(int width, int height, int bitDepth, int colorType, byte[][] rows) {
            this.width = width;
            this.height = height;
            this.bitDepth = bitDepth;
            this.colorType = colorType;
            this.rows = rows;
        }

        Builder filters(IntUnaryOperator filterOfRow) {
            this.filterOfRow = filterOfRow;
            return this;
        }

        Builder idatChunks(int bytes) {
            this.idatChunkBytes = bytes;
            return this;
        }

        Builder level(int level) {
            this.level = level;
            return this;
        }

        /** Declares Adam7 interlacing in IHDR (the data is written as is: for fallback tests only). */
        Builder interlacedFlag() {
            this.interlaced = true;
            return this;
        }

        Builder chunk(String type, byte[] data) {
            PngFiles.chunk(before, type, data);
            return this;
        }

        /** The filtered rows, each with its filter-type byte in front. */
        byte[] filtered() {
            int stride = Math.max(1, bitsPerPixel() / 8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] prior = new byte[rows[0].length];
            for (int y = 0; y < height; y++) {
                int filter = filterOfRow.applyAsInt(y);
                out.write(filter);
                out.writeBytes(filter(filter, rows[y], prior, stride));
                prior = rows[y];
            }
            return out.toByteArray();
        }

        byte[] build() {
            return withImageData(zlib(filtered(), level));
        }

        /** The file with {@code zlib} as its image data, cut into IDAT chunks. */
        byte[] withImageData(byte[] zlib) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(SIGNATURE);
            PngFiles.chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                    .put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) (interlaced ? 1 : 0)).array());
            out.writeBytes(before.toByteArray());
            for (int pos = 0; pos < zlib.length; pos += idatChunkBytes) {
                PngFiles.chunk(out, "IDAT", Arrays.copyOfRange(zlib, pos, Math.min(zlib.length, pos + idatChunkBytes)));
            }
            PngFiles.chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        }

        private int bitsPerPixel() {
            int samples = switch (colorType) {
                case 2 -> 3;
                case 4 -> 2;
                case 6 -> 4;
                default -> 1;
            };
            return samples * bitDepth;
        }
    }

    /** The specification's filters, forwards: raw bytes to filtered bytes. */
    static byte[] filter(int type, byte[] raw, byte[] prior, int stride) {
        byte[] out = new byte[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int a = i >= stride ? raw[i - stride] & 0xff : 0;
            int b = prior[i] & 0xff;
            int c = i >= stride ? prior[i - stride] & 0xff : 0;
            int predictor = switch (type) {
                case 0 -> 0;
                case 1 -> a;
                case 2 -> b;
                case 3 -> (a + b) / 2;
                case 4 -> paeth(a, b, c);
                default -> throw new IllegalArgumentException("filter " + type);
            };
            out[i] = (byte) (raw[i] - predictor);
        }
        return out;
    }

    /** As the specification writes it. */
    static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    static byte[] zlib(byte[] data, int level) {
        Deflater deflater = new Deflater(level);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /**
     * A zlib stream of {@code unit} repeated {@code times} times, built without holding the whole:
     * the unit is deflated once with a full flush (so it refers to nothing before it), that block
     * is repeated, an empty final block closes the stream, and the Adler-32 of the whole follows.
     */
    static byte[] zlibOfRepeats(byte[] unit, long times) {
        byte[] block = flushedBlock(unit);
        Adler32 adler = new Adler32();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x78);
        out.write(0xda);
        for (long i = 0; i < times; i++) {
            out.writeBytes(block);
            adler.update(unit);
        }
        out.writeBytes(new byte[]{0x03, 0x00}); // an empty final block with fixed codes
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) adler.getValue()).array());
        return out.toByteArray();
    }

    /** A zlib header, {@code data} deflated up to a byte boundary, then {@code rest} as it is. */
    static byte[] zlibPrefixThen(byte[] data, byte[] rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x78);
        out.write(0xda);
        out.writeBytes(flushedBlock(data));
        out.writeBytes(rest);
        return out.toByteArray();
    }

    private static byte[] flushedBlock(byte[] data) {
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(data);
        byte[] buffer = new byte[data.length + 1024];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
        deflater.end();
        return Arrays.copyOf(buffer, n);
    }

    static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        ProblemImages.chunk(out, type, data);
    }

    /** Rows of {@code rowBytes} random bytes, smoothed so the predictors have something to predict. */
    static byte[][] noisyRows(int height, int rowBytes, long seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[][] rows = new byte[height][rowBytes];
        for (int y = 0; y < height; y++) {
            for (int i = 0; i < rowBytes; i++) {
                int base = (i * 7 + y * 3) & 0xff;
                rows[y][i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : base);
            }
        }
        return rows;
    }
}
