package io.thumbctl.image;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

/**
 * The bundled libturbojpeg (libjpeg-turbo's TurboJPEG C API), bound through JNA. The whole native
 * surface is nine functions of the TurboJPEG 2.x API: header, scaled decode, compress, errors,
 * handles and the compressor's buffer.
 *
 * <p>Thread safety: a {@code tjhandle} is not thread-safe, so every call here makes its own
 * handle and destroys it; the library itself is loaded once per class loader.
 */
final class TurboJpeg {

    private static final Logger LOG = LoggerFactory.getLogger(TurboJpeg.class);

    // turbojpeg.h constants (stable since libjpeg-turbo 1.2; TJFLAG_LIMITSCANS since 2.1)
    static final int TJCS_CMYK = 3;
    static final int TJCS_YCCK = 4;
    private static final int TJPF_BGRX = 3;
    private static final int TJPF_XRGB = 5;
    private static final int TJFLAG_FASTUPSAMPLE = 256;
    private static final int TJFLAG_FASTDCT = 2048;
    private static final int TJFLAG_LIMITSCANS = 32768;
    private static final int TJERR_WARNING = 0;
    private static final int TJSAMP_420 = 2;

    /** The tj* functions we call. Names and signatures follow turbojpeg.h of libjpeg-turbo 2.1. */
    interface Api extends Library {
        Pointer tjInitDecompress();

        int tjDecompressHeader3(Pointer handle, Pointer jpeg, NativeLong size, int[] width, int[] height,
                                int[] subsampling, int[] colorspace);

        int tjDecompress2(Pointer handle, Pointer jpeg, NativeLong size, Pointer dst, int width, int pitch,
                          int height, int pixelFormat, int flags);

        String tjGetErrorStr2(Pointer handle);

        int tjGetErrorCode(Pointer handle);

        int tjDestroy(Pointer handle);

        Pointer tjInitCompress();

        int tjCompress2(Pointer handle, int[] src, int width, int pitch, int height, int pixelFormat,
                        PointerByReference jpegBuf, NativeLongByReference jpegSize, int subsampling, int quality,
                        int flags);

        void tjFree(Pointer buffer);
    }

    /** What the JPEG header says: size and colour space (a TJCS_* value). */
    record Header(int width, int height, int colorspace) {
        boolean isCmykOrYcck() {
            return colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
        }
    }

    /**
     * A decode that returned pixels with a libjpeg warning (for example "Premature end of JPEG
     * file" for a truncated upload): the caller decides whether the warning is fatal.
     */
    record Pixels(int[] argb, int width, int height, String warning) {
    }

    /** A call libjpeg-turbo refused (for a decode: the pure-Java decoder may still read the file). */
    static final class NativeException extends Exception {
        NativeException(String message) {
            super(message);
        }
    }

    private static final class Holder {
        static final Optional<TurboJpeg> INSTANCE = load();
    }

    private final Api api;
    // Pixels land in an int[] as TYPE_INT_RGB expects them: 0x00RRGGBB in native byte order.
    private final int pixelFormat = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? TJPF_BGRX : TJPF_XRGB;

    private TurboJpeg(Api api) {
        this.api = api;
    }

    /** The bundled library for this platform, or empty where there is none or it cannot load. */
    static Optional<TurboJpeg> instance() {
        return Holder.INSTANCE;
    }

    /** {@code linux-x86_64} or {@code linux-aarch64}, the folders the jar carries; empty elsewhere. */
    static Optional<String> platformFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return Optional.empty();
        }
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return Optional.of("linux-x86_64");
        }
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return Optional.of("linux-aarch64");
        }
        return Optional.empty();
    }

    private static Optional<TurboJpeg> load() {
        if (Boolean.getBoolean("thumbctl.turbojpeg.disabled")) {
            LOG.info("libturbojpeg disabled by -Dthumbctl.turbojpeg.disabled; JPEGs use the pure-Java decoder");
            return Optional.empty();
        }
        return NativeFiles.bind(TurboJpeg.class, "libturbojpeg", Api.class, api -> {
            TurboJpeg turbo = new TurboJpeg(api);
            turbo.selfCheck();
            return turbo;
        }, "JPEGs use the pure-Java decoder");
    }

    /** Makes and frees one handle, so a broken library shows at load time rather than per image. */
    private void selfCheck() {
        Pointer handle = api.tjInitDecompress();
        if (handle == null) {
            throw new IllegalStateException("tjInitDecompress returned NULL");
        }
        api.tjDestroy(handle);
    }

    /**
     * A JPEG copied once into native memory, so the header read and the decode do not each copy
     * the whole file (JNA copies Java arrays in and back out on every call).
     */
    static final class Source implements AutoCloseable {
        private final Memory memory;
        private final NativeLong size;

        Source(byte[] jpeg) {
            this.memory = new Memory(Math.max(1, jpeg.length));
            this.memory.write(0, jpeg, 0, jpeg.length);
            this.size = new NativeLong(jpeg.length);
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    Header header(Source jpeg) throws NativeException {
        Pointer handle = api.tjInitDecompress();
        try {
            int[] w = new int[1];
            int[] h = new int[1];
            int[] subsampling = new int[1];
            int[] colorspace = new int[1];
            if (api.tjDecompressHeader3(handle, jpeg.memory, jpeg.size, w, h, subsampling, colorspace) != 0) {
                throw new NativeException(api.tjGetErrorStr2(handle));
            }
            return new Header(w[0], h[0], colorspace[0]);
        } finally {
            api.tjDestroy(handle);
        }
    }

    /**
     * Decodes at the DCT scale {@code eighths}/8 (1 to 8): libjpeg-turbo computes the reduced
     * image from the DCT coefficients, which is both much faster than a full decode and a
     * properly filtered (non-aliasing) reduction.
     */
    Pixels decode(Source jpeg, Header header, int eighths) throws NativeException {
        int width = scaled(header.width(), eighths);
        int height = scaled(header.height(), eighths);
        int count = Math.multiplyExact(width, height);
        Pointer handle = api.tjInitDecompress();
        try (Memory out = new Memory(4L * count)) {
            // LIMITSCANS: a progressive file with thousands of scans is a known CPU bomb.
            // FASTUPSAMPLE/FASTDCT: the result is shrunk another 2-4x, which hides the difference
            // (Pillow's draft mode makes the same trade).
            int rc = api.tjDecompress2(handle, jpeg.memory, jpeg.size, out, width, width * 4, height,
                    pixelFormat, TJFLAG_LIMITSCANS | TJFLAG_FASTUPSAMPLE | TJFLAG_FASTDCT);
            String warning = null;
            if (rc != 0) {
                String message = api.tjGetErrorStr2(handle);
                if (api.tjGetErrorCode(handle) != TJERR_WARNING) {
                    throw new NativeException(message);
                }
                warning = message;
            }
            int[] pixels = new int[count];
            out.read(0, pixels, 0, count);
            return new Pixels(pixels, width, height, warning);
        } finally {
            api.tjDestroy(handle);
        }
    }

    /**
     * Encodes TYPE_INT_RGB pixels (0x00RRGGBB) as a baseline JFIF JPEG with 4:2:0 chroma, the
     * same choice as ImageIO's and Pillow's defaults. The output holds no metadata but the JFIF
     * header.
     *
     * @param quality 1-100
     */
    byte[] compress(int[] rgb, int width, int height, int quality) throws NativeException {
        Pointer handle = api.tjInitCompress();
        if (handle == null) {
            throw new NativeException("tjInitCompress returned NULL");
        }
        PointerByReference buffer = new PointerByReference();
        NativeLongByReference size = new NativeLongByReference(new NativeLong(0));
        try {
            if (api.tjCompress2(handle, rgb, width, width * 4, height, pixelFormat, buffer, size, TJSAMP_420, quality,
                    0) != 0) {
                throw new NativeException(api.tjGetErrorStr2(handle));
            }
            return buffer.getValue().getByteArray(0, (int) size.getValue().longValue());
        } finally {
            if (buffer.getValue() != null) {
                api.tjFree(buffer.getValue());
            }
            api.tjDestroy(handle);
        }
    }

    /** TJSCALED: the size libjpeg-turbo produces for a dimension at {@code eighths}/8. */
    static int scaled(int dimension, int eighths) {
        return (int) (((long) dimension * eighths + 7) / 8);
    }
}
