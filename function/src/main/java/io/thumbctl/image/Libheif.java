package io.thumbctl.image;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * The bundled libheif 1.15 (decode only, HEVC through libde265 and AV1 through dav1d), bound
 * through JNA. Every libheif object is an opaque pointer here; what owns it and frees it is
 * {@link HeifDecoder}'s business, one context per decode.
 *
 * <p>libheif's {@code DT_NEEDED} names libde265 and libdav1d by their SONAMEs, so
 * {@link NativeFiles} loads the two bundled decoders first (see {@link #DEPENDENCIES}).
 *
 * <p>Thread safety: the library is loaded once per class loader; a context and what comes from it
 * are used by one thread at a time.
 */
final class Libheif {

    private static final Logger LOG = LoggerFactory.getLogger(Libheif.class);

    /** Loaded before libheif, in this order, from the same folder. */
    static final List<String> DEPENDENCIES = List.of("libde265", "libdav1d");

    // heif.h of libheif 1.15
    static final int COLORSPACE_RGB = 1;
    static final int CHROMA_INTERLEAVED_RGB = 10;
    static final int CHROMA_INTERLEAVED_RGBA = 11;
    static final int CHROMA_INTERLEAVED_RRGGBB_LE = 14;
    static final int CHROMA_INTERLEAVED_RRGGBBAA_LE = 15;
    static final int CHANNEL_INTERLEAVED = 10;
    static final int PROFILE_NCLX = fourcc("nclx");
    static final int PROFILE_RICC = fourcc("rICC");
    static final int PROFILE_PROF = fourcc("prof");
    /** {@code heif_error_Memory_allocation_error}: with suberror 1000, a security limit was hit. */
    static final int ERROR_MEMORY_ALLOCATION = 6;
    static final int SUBERROR_SECURITY_LIMIT_EXCEEDED = 1000;

    /** {@code struct heif_error}, which every fallible libheif call returns by value. */
    @Structure.FieldOrder({"code", "subcode", "message"})
    public static class HeifError extends Structure implements Structure.ByValue {
        public int code;
        public int subcode;
        public String message;

        boolean failed() {
            return code != 0;
        }

        @Override
        public String toString() {
            return message + " (" + code + "/" + subcode + ")";
        }
    }

    /**
     * {@code struct heif_decoding_options} as far as version 4; allocated by libheif
     * ({@code heif_decoding_options_alloc}) and only written through here.
     */
    @Structure.FieldOrder({"version", "ignore_transformations", "start_progress", "on_progress", "end_progress",
            "progress_user_data", "convert_hdr_to_8bit", "strict_decoding", "decoder_id"})
    public static class DecodingOptions extends Structure {
        public byte version;
        public byte ignore_transformations;
        public Pointer start_progress;
        public Pointer on_progress;
        public Pointer end_progress;
        public Pointer progress_user_data;
        public byte convert_hdr_to_8bit;
        public byte strict_decoding;
        public Pointer decoder_id;

        public DecodingOptions(Pointer memory) {
            super(memory);
            read();
        }
    }

    /** The heif_* functions we call, as declared in heif.h of libheif 1.15. */
    interface Api extends Library {
        String heif_get_version();

        Pointer heif_context_alloc();

        void heif_context_free(Pointer context);

        HeifError heif_context_read_from_memory_without_copy(Pointer context, Pointer memory, NativeLong size,
                                                             Pointer readingOptions);

        void heif_context_set_maximum_image_size_limit(Pointer context, int maximumWidth);

        void heif_context_set_max_decoding_threads(Pointer context, int maxThreads);

        HeifError heif_context_get_primary_image_handle(Pointer context, PointerByReference handle);

        void heif_image_handle_release(Pointer handle);

        int heif_image_handle_get_width(Pointer handle);

        int heif_image_handle_get_height(Pointer handle);

        int heif_image_handle_get_ispe_width(Pointer handle);

        int heif_image_handle_get_ispe_height(Pointer handle);

        int heif_image_handle_has_alpha_channel(Pointer handle);

        int heif_image_handle_is_premultiplied_alpha(Pointer handle);

        int heif_image_handle_get_luma_bits_per_pixel(Pointer handle);

        int heif_image_handle_get_color_profile_type(Pointer handle);

        NativeLong heif_image_handle_get_raw_color_profile_size(Pointer handle);

        HeifError heif_image_handle_get_raw_color_profile(Pointer handle, Pointer out);

        HeifError heif_image_handle_get_nclx_color_profile(Pointer handle, PointerByReference nclx);

        void heif_nclx_color_profile_free(Pointer nclx);

        Pointer heif_decoding_options_alloc();

        void heif_decoding_options_free(Pointer options);

        HeifError heif_decode_image(Pointer handle, PointerByReference image, int colorspace, int chroma,
                                    Pointer options);

        int heif_image_get_width(Pointer image, int channel);

        int heif_image_get_height(Pointer image, int channel);

        int heif_image_get_bits_per_pixel_range(Pointer image, int channel);

        Pointer heif_image_get_plane_readonly(Pointer image, int channel, IntByReference stride);

        void heif_image_release(Pointer image);
    }

    private static final class Holder {
        static final Optional<Libheif> INSTANCE = load();
    }

    final Api api;
    private final String version;

    private Libheif(Api api) {
        this.api = api;
        this.version = api.heif_get_version();
    }

    /** The bundled library for this platform, or empty where there is none or it cannot load. */
    static Optional<Libheif> instance() {
        return Holder.INSTANCE;
    }

    /** libheif's own version string ("1.15.1"). */
    String version() {
        return version;
    }

    private static Optional<Libheif> load() {
        if (Boolean.getBoolean("thumbctl.libheif.disabled")) {
            LOG.info("libheif disabled by -Dthumbctl.libheif.disabled; HEIC/HEIF/AVIF sources are not decoded");
            return Optional.empty();
        }
        return NativeFiles.bind(Libheif.class, "libheif", DEPENDENCIES, Api.class, api -> {
            Libheif heif = new Libheif(api);
            heif.selfCheck();
            return heif;
        }, "HEIC/HEIF/AVIF sources are not decoded");
    }

    /** Makes and frees one context, so a broken library shows at load time rather than per image. */
    private void selfCheck() {
        Pointer context = api.heif_context_alloc();
        if (context == null) {
            throw new IllegalStateException("heif_context_alloc returned NULL");
        }
        api.heif_context_free(context);
        LOG.debug("libheif {} loaded", version);
    }

    /** A file copied into native memory, which libheif reads in place (bounded by its size). */
    static final class Source implements AutoCloseable {
        final Memory memory;
        final NativeLong size;

        Source(byte[] bytes) {
            this.memory = new Memory(Math.max(1, bytes.length));
            this.memory.write(0, bytes, 0, bytes.length);
            this.size = new NativeLong(bytes.length);
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    static int fourcc(String code) {
        return (code.charAt(0) << 24) | (code.charAt(1) << 16) | (code.charAt(2) << 8) | code.charAt(3);
    }
}
