package io.thumbctl.image;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Writes AVIF through the bundled libavif 0.11 and libaom ({@code libthumbctl_avif.so}, which
 * needs {@code libaom.so}; built by {@code function/native/build-libavif.sh}). The output is a
 * still image, 8 bits a channel, YUV 4:2:0, full range, signalled as sRGB with CICP 1/13/6 (BT.709
 * primaries, sRGB transfer, BT.601 matrix: what avifenc writes for a PNG or JPEG), no metadata.
 * An image whose colour model has alpha keeps it (not premultiplied), coded at the same quality
 * as the colour: lossless alpha made one 640 px cut-out 50 KB instead of 5 KB.
 *
 * <p>Thread safety: every call makes and destroys its own libavif encoder, so one instance may be
 * used from several threads; the libraries are loaded once per class loader.
 */
final class AvifEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(AvifEncoder.class);

    /** System property that keeps the libraries unloaded ({@link #instance()} is then empty). */
    static final String DISABLED = "thumbctl.avif.disabled";

    /**
     * Quality 60, quantizer 25 of 63: libavif 1.x's own default for colour (avifenc {@code -q}).
     * On four photos at 1600 px it wrote half the bytes of the project's quality-85 JPEG, at a
     * PSNR 1.4 dB lower (36.6 against 38.0 dB, avifenc); at 128 px, 71% of the bytes
     * (docs/images.md, "AVIF output").
     */
    static final int DEFAULT_QUALITY = 60;

    /**
     * libavif speed 9: libaom's all-intra mode at cpu-used 9, its fastest. At 1600 px it encoded
     * ten times faster than speed 6 for 2% more bytes, and Lambda bills time.
     */
    static final int SPEED = 9;

    /**
     * One thread: a Lambda function of 1,024 MB gets about 0.58 of a vCPU, so a second thread
     * only waits for the first; and libaom codes one tile per image at these sizes, so even with two
     * cores two threads measured no faster than one.
     */
    static final int THREADS = 1;

    private static final int ERROR_SIZE = 512;

    /** The functions of native/avif/thumbctl_avif.c; size_t is a native long on Linux. */
    interface Api extends Library {
        void thumbctl_avif_versions(byte[] out, NativeLong outSize);

        int thumbctl_avif_encode(int[] argb, int width, int height, int stride, int hasAlpha, int quantizer,
                                 int alphaQuantizer, int speed, int threads, PointerByReference out,
                                 NativeLongByReference outSize, byte[] error, NativeLong errorSize);

        void thumbctl_avif_free(Pointer data);
    }

    /** libavif refused to encode an image: a bug or a broken library, never the image's fault. */
    static final class EncodeFailedException extends RuntimeException {
        EncodeFailedException(String message) {
            super(message);
        }
    }

    private static final class Holder {
        static final Optional<AvifEncoder> INSTANCE = load();
    }

    private final Api api;
    private final String versions;

    private AvifEncoder(Api api, String versions) {
        this.api = api;
        this.versions = versions;
    }

    /** The bundled encoder for this platform, or empty where there is none or it cannot load. */
    static Optional<AvifEncoder> instance() {
        return Holder.INSTANCE;
    }

    /** What was linked and found at run time, for logs: "libavif 0.11.1, codecs aom [enc/dec]:v3.6.0". */
    String versions() {
        return versions;
    }

    /**
     * Encodes {@code image} as AVIF.
     *
     * @param quality 1 (smallest) to 100 (nearly lossless); {@link #DEFAULT_QUALITY} is a good default.
     *                Mapped to libaom's quantizer as libavif 1.x does: {@code ((100 - q) * 63 + 50) / 100}.
     * @throws EncodeFailedException when libavif returns an error; its message is in the exception
     */
    byte[] encode(BufferedImage image, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("AVIF quality must be 1-100, was " + quality
                    + "; AvifEncoder.DEFAULT_QUALITY (" + DEFAULT_QUALITY + ") is a good default");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        Pixels pixels = Pixels.of(image);
        boolean alpha = image.getColorModel().hasAlpha();
        PointerByReference out = new PointerByReference();
        NativeLongByReference size = new NativeLongByReference(new NativeLong(0));
        byte[] error = new byte[ERROR_SIZE];
        try {
            int rc = api.thumbctl_avif_encode(pixels.argb(), width, height, pixels.stride(), alpha ? 1 : 0,
                    quantizer(quality), quantizer(quality), SPEED, THREADS, out, size, error, new NativeLong(error.length));
            if (rc != 0) {
                throw new EncodeFailedException("libavif could not encode a " + width + "x" + height + " image at quality "
                        + quality + ": " + cString(error) + " [" + versions + "]");
            }
            return out.getValue().getByteArray(0, Math.toIntExact(size.getValue().longValue()));
        } finally {
            // Set only on success, but free whatever was handed out.
            if (out.getValue() != null) {
                api.thumbctl_avif_free(out.getValue());
            }
        }
    }

    /** libavif 1.x's mapping from quality to AV1 quantizer (0 lossless, 63 worst). */
    static int quantizer(int quality) {
        return ((100 - quality) * 63 + 50) / 100;
    }

    /**
     * Pixels as native 0xAARRGGBB ints with a row stride: the image's own array where it is an
     * unshared TYPE_INT_RGB or TYPE_INT_ARGB raster (what the renderer makes; no copy, which at
     * 1600 px saves the tens of milliseconds {@code getRGB} takes), else a converted copy.
     */
    private record Pixels(int[] argb, int stride) {
        static Pixels of(BufferedImage image) {
            int type = image.getType();
            Raster raster = image.getRaster();
            if ((type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
                    && raster.getDataBuffer() instanceof DataBufferInt data && data.getNumBanks() == 1
                    && data.getOffset() == 0 && raster.getSampleModelTranslateX() == 0
                    && raster.getSampleModelTranslateY() == 0
                    && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
                    && model.getWidth() == image.getWidth()) {
                return new Pixels(data.getData(), model.getScanlineStride());
            }
            int width = image.getWidth();
            return new Pixels(image.getRGB(0, 0, width, image.getHeight(), null, 0, width), width);
        }
    }

    private static Optional<AvifEncoder> load() {
        if (Boolean.getBoolean(DISABLED)) {
            LOG.info("libavif disabled by -D{}; no AVIF output", DISABLED);
            return Optional.empty();
        }
        return NativeFiles.bind(AvifEncoder.class, "libthumbctl_avif", List.of("libaom"), Api.class,
                AvifEncoder::checked, "no AVIF output");
    }

    /** Asks for the codec versions, so a library without libaom's encoder shows at load time. */
    private static AvifEncoder checked(Api api) {
        byte[] out = new byte[256];
        api.thumbctl_avif_versions(out, new NativeLong(out.length));
        String versions = cString(out);
        if (!versions.contains("aom [enc")) {
            throw new IllegalStateException("libavif has no aom encoder: " + versions);
        }
        LOG.debug("AVIF output through {}", versions);
        return new AvifEncoder(api, versions);
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
