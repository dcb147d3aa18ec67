package io.thumbctl.image;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The bundled libdeflate, bound through JNA: three functions that inflate a whole raw DEFLATE
 * stream into a buffer of known size. On the PNG benchmark corpus it inflated two to three times
 * faster than zlib, which is what the JDK's {@link java.util.zip.Inflater} runs. It cannot stream,
 * so {@link PngStreamDecoder} uses it only for image data small enough to hold at once.
 *
 * <p>Thread safety: a decompressor is not thread-safe, so every call makes its own (a small
 * allocation); the library itself is loaded once per class loader.
 */
final class Libdeflate {

    private static final Logger LOG = LoggerFactory.getLogger(Libdeflate.class);

    /** System property that keeps the library unloaded (PNG image data is then inflated by the JDK). */
    static final String DISABLED = "thumbctl.libdeflate.disabled";

    private static final int SUCCESS = 0;

    /** The libdeflate_* functions we call, as libdeflate.h (1.x) declares them; size_t is a native long on Linux. */
    interface Api extends Library {
        Pointer libdeflate_alloc_decompressor();

        int libdeflate_deflate_decompress(Pointer decompressor, Pointer in, NativeLong inBytes, Pointer out,
                                          NativeLong outBytes, Pointer actualOutBytes);

        void libdeflate_free_decompressor(Pointer decompressor);
    }

    private static final class Holder {
        static final Optional<Libdeflate> INSTANCE = load();
    }

    private final Api api;

    private Libdeflate(Api api) {
        this.api = api;
    }

    /** The bundled library for this platform, or empty where there is none or it cannot load. */
    static Optional<Libdeflate> instance() {
        return Holder.INSTANCE;
    }

    /**
     * Inflates the raw DEFLATE stream in {@code in} into all of {@code out}.
     *
     * @return false when the stream is broken or does not inflate to exactly {@code out}'s size
     */
    boolean inflate(Memory in, Memory out) {
        Pointer decompressor = api.libdeflate_alloc_decompressor();
        if (decompressor == null) {
            return false;
        }
        try {
            return api.libdeflate_deflate_decompress(decompressor, in, new NativeLong(in.size()), out,
                    new NativeLong(out.size()), null) == SUCCESS;
        } finally {
            api.libdeflate_free_decompressor(decompressor);
        }
    }

    private static Optional<Libdeflate> load() {
        if (Boolean.getBoolean(DISABLED)) {
            LOG.info("libdeflate disabled by -D{}; PNG image data is inflated by the JDK", DISABLED);
            return Optional.empty();
        }
        return NativeFiles.bind(Libdeflate.class, "libdeflate", Api.class, Libdeflate::checked,
                "PNG image data is inflated by the JDK");
    }

    /** Allocates and frees one decompressor, so a broken library shows at load time rather than per image. */
    private static Libdeflate checked(Api api) {
        Pointer decompressor = api.libdeflate_alloc_decompressor();
        if (decompressor == null) {
            throw new IllegalStateException("libdeflate_alloc_decompressor returned NULL");
        }
        api.libdeflate_free_decompressor(decompressor);
        return new Libdeflate(api);
    }
}
