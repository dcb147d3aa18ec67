package io.thumbctl.image;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Lossy WebP through the bundled libwebp, bound through JNA: the four functions of its simple
 * encoding API that we need (encode RGB, encode RGBA, free the output, the version as a load
 * check). The output holds pixels only: no EXIF, XMP or ICC chunk.
 *
 * <p>Thread safety: the simple API keeps no state between calls, so one instance serves every
 * thread; the library itself is loaded once per class loader.
 */
final class WebpEncoder {

    /**
     * 80, the default of Pillow's and libgd's WebP writers (cwebp and libwebp's own config say 75):
     * the Python service the benchmarks compare against uses Pillow, so its WebP and ours are
     * written at the same setting.
     */
    static final int DEFAULT_QUALITY = 80;

    /** WEBP_MAX_DIMENSION of encode.h: the format stores each side in 14 bits. */
    static final int MAX_DIMENSION = 16383;

    /** The WebP* functions we call, as encode.h (1.x) declares them; size_t is a native long on Linux. */
    interface Api extends Library {
        NativeLong WebPEncodeRGB(Pointer rgb, int width, int height, int stride, float quality,
                                 PointerByReference output);

        NativeLong WebPEncodeRGBA(Pointer rgba, int width, int height, int stride, float quality,
                                  PointerByReference output);

        void WebPFree(Pointer memory);

        int WebPGetEncoderVersion();
    }

    /**
     * libwebp returned no output. The simple API does not say why; for a thumbnail-sized image the
     * likely cause is a failed allocation (its other errors, such as a first partition over
     * 512 KB, take far larger images), so the render is worth retrying.
     */
    static final class EncodeException extends RuntimeException {
        EncodeException(String message) {
            super(message);
        }
    }

    private static final class Holder {
        static final Optional<WebpEncoder> INSTANCE = NativeFiles.bind(WebpEncoder.class, "libwebp", Api.class,
                WebpEncoder::new, "there is no WebP output");
    }

    private final Api api;
    private final String version;

    /** Asks for the version first, so a library that does not link shows at load time rather than per image. */
    WebpEncoder(Api api) {
        int v = api.WebPGetEncoderVersion();
        if (v == 0) {
            throw new IllegalStateException("WebPGetEncoderVersion returned 0");
        }
        this.api = api;
        this.version = (v >> 16) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    /** The bundled library for this platform, or empty where there is none or it cannot load. */
    static Optional<WebpEncoder> instance() {
        return Holder.INSTANCE;
    }

    /** libwebp's version, {@code 1.2.4} for example. */
    String version() {
        return version;
    }

    /**
     * Encodes {@code image} as lossy WebP. Alpha is kept when the image's colour model has it
     * (libwebp leaves the alpha plane out by itself when every pixel is opaque); without alpha the
     * output is opaque. Any {@link BufferedImage} type is taken; TYPE_INT_RGB and TYPE_INT_ARGB,
     * what the resizer hands over, are read without a per-pixel colour-model call.
     *
     * @param quality 1 (smallest) to 100 (best); {@link #DEFAULT_QUALITY} is a good default
     * @throws IllegalArgumentException for a quality out of range or a side over {@link #MAX_DIMENSION}
     * @throws EncodeException          when libwebp produces nothing
     */
    byte[] encode(BufferedImage image, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("WebP quality must be 1-100, not " + quality + "; a good default is "
                    + DEFAULT_QUALITY);
        }
        int width = image.getWidth();
        int height = image.getHeight();
        if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("WebP holds at most " + MAX_DIMENSION + " pixels a side, not "
                    + width + "x" + height + "; resize first");
        }
        boolean alpha = image.getColorModel().hasAlpha();
        int stride = width * (alpha ? 4 : 3);
        PointerByReference output = new PointerByReference();
        try (Memory pixels = new Memory((long) stride * height)) {
            copyPixels(image, alpha, pixels, stride);
            long size = (alpha
                    ? api.WebPEncodeRGBA(pixels, width, height, stride, quality, output)
                    : api.WebPEncodeRGB(pixels, width, height, stride, quality, output)).longValue();
            if (size == 0 || output.getValue() == null) {
                throw new EncodeException("libwebp " + version + " could not encode a " + width + "x" + height
                        + (alpha ? " RGBA" : " RGB") + " image at quality " + quality
                        + " (its simple API gives no reason: most likely memory ran out)");
            }
            return output.getValue().getByteArray(0, Math.toIntExact(size));
        } finally {
            if (output.getValue() != null) {
                api.WebPFree(output.getValue());
            }
        }
    }

    /**
     * Copies the image into {@code pixels} row by row as R,G,B(,A) bytes, so the Java heap holds
     * one row rather than a second copy of the image (JNA would copy a whole byte[] argument in,
     * and back out, on the call).
     */
    private static void copyPixels(BufferedImage image, boolean alpha, Memory pixels, int stride) {
        int width = image.getWidth();
        int[] argb = new int[width];
        byte[] row = new byte[stride];
        for (int y = 0; y < image.getHeight(); y++) {
            readRow(image, y, argb);
            int i = 0;
            for (int x = 0; x < width; x++) {
                int p = argb[x];
                row[i++] = (byte) (p >> 16);
                row[i++] = (byte) (p >> 8);
                row[i++] = (byte) p;
                if (alpha) {
                    row[i++] = (byte) (p >>> 24);
                }
            }
            pixels.write((long) y * stride, row, 0, stride);
        }
    }

    /** One row as non-premultiplied 0xAARRGGBB ints (the alpha byte is meaningless for TYPE_INT_RGB). */
    private static void readRow(BufferedImage image, int y, int[] argb) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB) {
            // The raster's ints are already in that layout: an array copy, where getRGB converts
            // every pixel through the colour model (several times slower under C1).
            image.getRaster().getDataElements(0, y, argb.length, 1, argb);
        } else {
            image.getRGB(0, y, argb.length, 1, argb, 0, argb.length);
        }
    }
}
