package io.thumbctl.image;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * For tests: libavif's own decoder (libaom's AV1 decoder) in the bundled libthumbctl_avif.so, an
 * independent check of what {@link AvifEncoder} wrote: the container is parsed and the AV1 stream
 * decoded by code the encoder does not run.
 */
final class AvifDecoder {

    /** The decode entry points of native/avif/thumbctl_avif.c. */
    interface Api extends Library {
        int thumbctl_avif_decode(byte[] data, NativeLong size, PointerByReference argb, int[] info, byte[] error,
                                 NativeLong errorSize);

        void thumbctl_avif_free(Pointer data);
    }

    /**
     * A decoded AVIF: pixels as TYPE_INT_ARGB, and what the file says about them (avifPixelFormat 3 is
     * 4:2:0; CICP codes; range 1 is full).
     */
    record Decoded(BufferedImage image, int depth, int yuvFormat, boolean alpha, int colorPrimaries,
                   int transferCharacteristics, int matrixCoefficients, int range) {
    }

    private static final class Holder {
        static final Optional<Api> API = NativeFiles.bind(AvifDecoder.class, "libthumbctl_avif", List.of("libaom"),
                Api.class, api -> api, "AVIF tests cannot decode");
    }

    private AvifDecoder() {
    }

    static Decoded decode(byte[] avif) {
        Api api = Holder.API.orElseThrow(() -> new IllegalStateException("libthumbctl_avif.so did not load"));
        PointerByReference out = new PointerByReference();
        int[] info = new int[9];
        byte[] error = new byte[512];
        try {
            int rc = api.thumbctl_avif_decode(avif, new NativeLong(avif.length), out, info, error,
                    new NativeLong(error.length));
            if (rc != 0) {
                throw new IllegalArgumentException("not a readable AVIF: " + new String(error, StandardCharsets.UTF_8).trim());
            }
            int width = info[0];
            int height = info[1];
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            image.setRGB(0, 0, width, height, out.getValue().getIntArray(0, width * height), 0, width);
            return new Decoded(image, info[2], info[3], info[4] == 1, info[5], info[6], info[7], info[8]);
        } finally {
            if (out.getValue() != null) {
                api.thumbctl_avif_free(out.getValue());
            }
        }
    }
}
