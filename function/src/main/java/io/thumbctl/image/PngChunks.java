package io.thumbctl.image;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Checks a PNG's chunk structure and CRCs before decoding. The JDK's PNG reader ignores CRCs and
 * may return a partly decoded image for a truncated file; we would rather report such an upload
 * as {@code corrupt} than publish a broken thumbnail. Costs one CRC32 pass over the file.
 */
final class PngChunks {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngChunks() {
    }

    static boolean isPng(byte[] bytes) {
        if (bytes.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (bytes[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The data of the first chunk of {@code type} before the image data, if any. Used for eXIf:
     * metadata-extractor's PNG reader would also inflate every zTXt/iTXt/iCCP chunk, and a small
     * upload can carry gigabytes of compressed text.
     */
    static Optional<byte[]> chunk(byte[] png, String type) {
        ByteBuffer buf = ByteBuffer.wrap(png);
        int pos = SIGNATURE.length;
        while (pos + 12 <= png.length) {
            long length = Integer.toUnsignedLong(buf.getInt(pos));
            if (length > png.length - pos - 12L) {
                return Optional.empty();
            }
            String name = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (name.equals(type)) {
                return Optional.of(Arrays.copyOfRange(png, pos + 8, pos + 8 + (int) length));
            }
            if (name.equals("IDAT") || name.equals("IEND")) {
                return Optional.empty();
            }
            pos += 12 + (int) length;
        }
        return Optional.empty();
    }

    /** @throws ImageException ({@code corrupt}) on a CRC mismatch or a file that ends before IEND */
    static void verify(byte[] png) throws ImageException {
        ByteBuffer buf = ByteBuffer.wrap(png);
        int pos = SIGNATURE.length;
        CRC32 crc = new CRC32();
        while (pos + 12 <= png.length) {
            long length = Integer.toUnsignedLong(buf.getInt(pos));
            if (length > png.length - pos - 12L) {
                break;
            }
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            crc.reset();
            crc.update(png, pos + 4, 4 + (int) length);
            int stored = buf.getInt(pos + 8 + (int) length);
            if ((int) crc.getValue() != stored) {
                throw new ImageException(ImageException.CORRUPT, "PNG chunk " + type + " at byte " + pos
                        + " fails its CRC check");
            }
            if (type.equals("IEND")) {
                return;
            }
            pos += 12 + (int) length;
        }
        throw new ImageException(ImageException.CORRUPT, "PNG is truncated: it ends at byte " + png.length
                + " before its IEND chunk");
    }
}
