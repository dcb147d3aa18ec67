package io.thumbctl.image;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.imgscalr.Scalr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * HEIC/HEIF (HEVC) and AVIF (AV1) sources through the bundled libheif: the primary image, as the
 * container shows it (libheif applies its {@code irot}, {@code imir} and {@code clap}; an EXIF
 * orientation inside the file is not applied on top), in 8-bit sRGB.
 *
 * <ul>
 *   <li>The pixel limit is checked from the primary image's {@code ispe} before anything is
 *       decoded ({@code too-many-pixels}), and for a grid also from the size its own header
 *       declares ({@link HeifGridHeader}), which is what libheif allocates; a grid whose header
 *       declares more than its {@code ispe} side is refused by libheif's size limit, set from
 *       that side.
 *   <li>Deeper than 8 bits (10, 12): read as 16-bit samples and scaled with rounding,
 *       {@code (v * 255 + max / 2) / max}.
 *   <li>Colour: an ICC profile converts through Java's colour management ({@link Srgb}); an
 *       {@code nclx} box with other primaries or an HDR transfer function through
 *       {@link NclxToSrgb}. The conversion runs on the reduced image.
 *   <li>Alpha: kept (TYPE_INT_ARGB, straight); premultiplied alpha is divided out.
 *   <li>A file libheif cannot read or decode (truncated, corrupt, unsupported coding) is
 *       {@code corrupt}. libheif reads the file from a native copy bounded by its size.
 * </ul>
 *
 * <p>Thread-safe: each decode makes and frees its own libheif context.
 */
public final class HeifDecoder {

    /** Like {@link TurboJpegDecoder#OVERSAMPLE}: the image is halved while it stays twice the thumbnail. */
    static final int OVERSAMPLE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(HeifDecoder.class);

    private static final Set<String> HEVC_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis");
    private static final Set<String> AV1_BRANDS = Set.of("avif", "avis");
    private static final Set<String> GENERIC_BRANDS = Set.of("mif1", "msf1");

    /** What codes the image, as the {@code ftyp} brands say. */
    public enum Codec {
        /** HEIC: heic, heix, hevc, hevx, heim, heis. */
        HEVC("heif"),
        /** AVIF: avif, avis. */
        AV1("avif"),
        /** Only the generic HEIF brands (mif1, msf1): libheif finds out. */
        UNKNOWN("heif");

        private final String format;

        Codec(String format) {
            this.format = format;
        }

        /** The format name a {@link Decoded} carries: {@code heif} or {@code avif}. */
        public String format() {
            return format;
        }
    }

    private static final class Holder {
        static final Optional<HeifDecoder> INSTANCE = Libheif.instance().map(HeifDecoder::new);
    }

    private final Libheif heif;

    private HeifDecoder(Libheif heif) {
        this.heif = heif;
    }

    /** The decoder over the bundled libheif, or empty where it is not bundled for this platform or does not load. */
    public static Optional<HeifDecoder> instance() {
        return Holder.INSTANCE;
    }

    /** Whether the file starts with an {@code ftyp} box naming a HEIF or AVIF brand (major or compatible). */
    public static boolean isHeif(byte[] bytes) {
        return codec(bytes).isPresent();
    }

    /**
     * The codec the {@code ftyp} box names: the major brand if it is one of ours, else the first
     * compatible brand that names a codec, else {@link Codec#UNKNOWN} for mif1/msf1 alone. Empty
     * for anything else (an MP4 or QuickTime file, a JPEG, a short file). Reads the first box only.
     */
    public static Optional<Codec> codec(byte[] bytes) {
        if (bytes.length < 16 || !"ftyp".equals(ascii(bytes, 4))) {
            return Optional.empty();
        }
        long size = ((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        if (size < 16) {
            return Optional.empty();
        }
        int end = (int) Math.min(size, bytes.length);
        Optional<Codec> major = brand(ascii(bytes, 8));
        if (major.isPresent() && major.get() != Codec.UNKNOWN) {
            return major;
        }
        Optional<Codec> found = major;
        for (int at = 16; at + 4 <= end; at += 4) {
            Optional<Codec> compatible = brand(ascii(bytes, at));
            if (compatible.isPresent() && compatible.get() != Codec.UNKNOWN) {
                return compatible;
            }
            found = found.or(() -> compatible);
        }
        return found;
    }

    private static Optional<Codec> brand(String brand) {
        if (HEVC_BRANDS.contains(brand)) {
            return Optional.of(Codec.HEVC);
        }
        if (AV1_BRANDS.contains(brand)) {
            return Optional.of(Codec.AV1);
        }
        return GENERIC_BRANDS.contains(brand) ? Optional.of(Codec.UNKNOWN) : Optional.empty();
    }

    private static String ascii(byte[] bytes, int at) {
        return new String(bytes, at, 4, StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes the primary image, reduced to at least {@link #OVERSAMPLE} times the thumbnail.
     * {@link Decoded#sourceWidth()}/{@code sourceHeight()} are the upright (transformed) size.
     *
     * @throws ImageException {@code too-many-pixels} from the header, {@code corrupt} for what libheif refuses
     */
    Decoded decode(byte[] bytes, DecodeRequest request) throws ImageException {
        Codec codec = codec(bytes).orElseThrow(() -> new ImageException(ImageException.CORRUPT,
                "no HEIF or AVIF brand in the file's ftyp box"));
        Libheif.Api api = heif.api;
        try (Libheif.Source source = new Libheif.Source(bytes)) {
            Pointer context = api.heif_context_alloc();
            if (context == null) {
                throw new OutOfMemoryError("heif_context_alloc returned NULL");
            }
            try {
                check(api.heif_context_read_from_memory_without_copy(context, source.memory, source.size, null),
                        "cannot read the HEIF container");
                PointerByReference handleRef = new PointerByReference();
                check(api.heif_context_get_primary_image_handle(context, handleRef), "no primary image");
                Pointer handle = handleRef.getValue();
                try {
                    return decode(context, handle, codec, request, declaredGridSize(bytes));
                } finally {
                    api.heif_image_handle_release(handle);
                }
            } finally {
                api.heif_context_free(context);
            }
        }
    }

    /**
     * A grid primary's own declared size, which libheif allocates. libheif 1.15 sizes an overlay
     * ({@code iovl}) from its own header too, with a per-side limit only: overlays, which no camera
     * writes, are refused rather than read; and so is a grid whose header cannot be read here, as
     * its size could not be held to the pixel limit.
     */
    private static Optional<HeifGridHeader.Size> declaredGridSize(byte[] bytes) throws ImageException {
        Optional<String> type = HeifGridHeader.primaryItemType(bytes);
        if (type.filter("iovl"::equals).isPresent()) {
            throw new ImageException(ImageException.UNSUPPORTED_FORMAT,
                    "the primary image is an overlay (iovl), which is not decoded here");
        }
        Optional<HeifGridHeader.Size> grid = HeifGridHeader.outputSize(bytes);
        if (type.filter("grid"::equals).isPresent() && grid.isEmpty()) {
            throw new ImageException(ImageException.CORRUPT, "the primary grid's header cannot be read");
        }
        return grid;
    }

    private Decoded decode(Pointer context, Pointer handle, Codec codec, DecodeRequest request,
                           Optional<HeifGridHeader.Size> grid) throws ImageException {
        Libheif.Api api = heif.api;
        int ispeWidth = api.heif_image_handle_get_ispe_width(handle);
        int ispeHeight = api.heif_image_handle_get_ispe_height(handle);
        request.checkPixels(ispeWidth, ispeHeight);
        request.checkPixels(api.heif_image_handle_get_width(handle), api.heif_image_handle_get_height(handle));
        // libheif allocates a grid at the size the grid's own header declares, not its ispe, and
        // its size limit is per side only (an ispe of 32768x1 would let a 32767x32767 grid through).
        // So the declared grid size is held to the pixel limit like any other image: what libheif
        // allocates is then bounded by max-pixels. The per-side limit from ispe stays as well: a
        // grid wider or taller than its ispe is inconsistent, and libheif refuses it (corrupt).
        if (grid.isPresent()) {
            request.checkPixels(grid.get().width(), grid.get().height());
        }
        api.heif_context_set_maximum_image_size_limit(context, Math.max(ispeWidth, ispeHeight) + 1);

        boolean alpha = api.heif_image_handle_has_alpha_channel(handle) != 0;
        boolean deep = api.heif_image_handle_get_luma_bits_per_pixel(handle) > 8;
        int chroma = alpha
                ? (deep ? Libheif.CHROMA_INTERLEAVED_RRGGBBAA_LE : Libheif.CHROMA_INTERLEAVED_RGBA)
                : (deep ? Libheif.CHROMA_INTERLEAVED_RRGGBB_LE : Libheif.CHROMA_INTERLEAVED_RGB);
        BufferedImage image;
        Pointer options = api.heif_decoding_options_alloc();
        PointerByReference imageRef = new PointerByReference();
        try {
            Libheif.DecodingOptions decoding = new Libheif.DecodingOptions(options);
            if (decoding.version >= 3) {
                // A truncated or damaged stream fails rather than decoding to a partial picture.
                decoding.strict_decoding = 1;
                decoding.writeField("strict_decoding");
            }
            check(api.heif_decode_image(handle, imageRef, Libheif.COLORSPACE_RGB, chroma, options), "cannot decode");
        } finally {
            api.heif_decoding_options_free(options);
        }
        Pointer decoded = imageRef.getValue();
        try {
            image = pixels(decoded, alpha, deep, api.heif_image_handle_is_premultiplied_alpha(handle) != 0);
        } finally {
            api.heif_image_release(decoded);
        }
        int width = image.getWidth();
        int height = image.getHeight();
        BufferedImage reduced = reduce(image, request.fit(width, height));
        return new Decoded(toSrgb(handle, reduced), codec.format(), width, height, DecodePath.HEIF);
    }

    /** The interleaved plane as a TYPE_INT_RGB or TYPE_INT_ARGB image, 8 bits per channel. */
    private BufferedImage pixels(Pointer decoded, boolean alpha, boolean deep, boolean premultiplied)
            throws ImageException {
        Libheif.Api api = heif.api;
        int width = api.heif_image_get_width(decoded, Libheif.CHANNEL_INTERLEAVED);
        int height = api.heif_image_get_height(decoded, Libheif.CHANNEL_INTERLEAVED);
        IntByReference strideRef = new IntByReference();
        Pointer plane = api.heif_image_get_plane_readonly(decoded, Libheif.CHANNEL_INTERLEAVED, strideRef);
        int channels = alpha ? 4 : 3;
        int bytesPerSample = deep ? 2 : 1;
        long rowBytes = (long) width * channels * bytesPerSample;
        if (plane == null || width <= 0 || height <= 0 || strideRef.getValue() < rowBytes) {
            throw new ImageException(ImageException.CORRUPT, "libheif returned no usable " + width + "x" + height
                    + " image");
        }
        int stride = strideRef.getValue();
        int max = deep ? (1 << api.heif_image_get_bits_per_pixel_range(decoded, Libheif.CHANNEL_INTERLEAVED)) - 1 : 255;
        if (max <= 0) {
            throw new ImageException(ImageException.CORRUPT, "libheif returned an image without a bit depth");
        }
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        byte[] row = new byte[(int) rowBytes];
        int[] sample = new int[4];
        for (int y = 0; y < height; y++) {
            if ((y & 63) == 0) {
                RenderDeadline.check();
            }
            plane.read((long) y * stride, row, 0, row.length);
            int at = 0;
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    int v;
                    if (deep) {
                        v = (row[at] & 0xff) | (row[at + 1] & 0xff) << 8;
                        at += 2;
                        v = Math.min(255, (v * 255 + max / 2) / max);
                    } else {
                        v = row[at++] & 0xff;
                    }
                    sample[c] = v;
                }
                int a = alpha ? sample[3] : 0xff;
                if (premultiplied && a < 255) {
                    for (int c = 0; c < 3; c++) {
                        sample[c] = a == 0 ? 0 : Math.min(255, (sample[c] * 255 + a / 2) / a);
                    }
                }
                out[y * width + x] = (alpha ? a << 24 : 0) | sample[0] << 16 | sample[1] << 8 | sample[2];
            }
        }
        return image;
    }

    /** Halves (box-filtered) while the image stays {@link #OVERSAMPLE} times the thumbnail. */
    private static BufferedImage reduce(BufferedImage image, BoxFit fit) {
        BufferedImage current = image;
        while (current.getWidth() >= 2 * OVERSAMPLE * fit.width() && current.getHeight() >= 2 * OVERSAMPLE * fit.height()) {
            RenderDeadline.check();
            current = Scalr.resize(current, Scalr.Method.BALANCED, Scalr.Mode.FIT_EXACT,
                    current.getWidth() / 2, current.getHeight() / 2);
        }
        return current;
    }

    /** The image in sRGB, through the handle's ICC profile or its nclx code points. */
    private BufferedImage toSrgb(Pointer handle, BufferedImage image) throws ImageException {
        Libheif.Api api = heif.api;
        int type = api.heif_image_handle_get_color_profile_type(handle);
        if (type == Libheif.PROFILE_PROF || type == Libheif.PROFILE_RICC) {
            long size = api.heif_image_handle_get_raw_color_profile_size(handle).longValue();
            if (size <= 0 || size > 4 << 20) {
                return image;
            }
            byte[] icc;
            try (Memory memory = new Memory(size)) {
                check(api.heif_image_handle_get_raw_color_profile(handle, memory), "cannot read the ICC profile");
                icc = memory.getByteArray(0, (int) size);
            }
            return withProfile(image, icc);
        }
        if (type == Libheif.PROFILE_NCLX) {
            PointerByReference nclxRef = new PointerByReference();
            if (api.heif_image_handle_get_nclx_color_profile(handle, nclxRef).failed()) {
                return image;
            }
            Pointer nclx = nclxRef.getValue();
            Optional<NclxToSrgb> conversion;
            try {
                // struct heif_color_profile_nclx: uint8 version; enum primaries, transfer, matrix;
                // uint8 full range; then floats red x,y, green x,y, blue x,y, white x,y.
                double[] xy = new double[8];
                for (int i = 0; i < 8; i++) {
                    xy[i] = nclx.getFloat(20 + 4L * i);
                }
                conversion = NclxToSrgb.of(nclx.getInt(4), nclx.getInt(8), xy);
            } finally {
                api.heif_nclx_color_profile_free(nclx);
            }
            conversion.ifPresent(c -> c.apply(((DataBufferInt) image.getRaster().getDataBuffer()).getData()));
        }
        return image;
    }

    /**
     * The same pixels seen through the ICC profile, converted to sRGB. A profile Java cannot use
     * (broken, or not RGB) leaves the pixels as they are: a thumbnail beats none.
     */
    private static BufferedImage withProfile(BufferedImage image, byte[] icc) {
        ICC_ColorSpace space;
        try {
            space = new ICC_ColorSpace(ICC_Profile.getInstance(icc));
        } catch (IllegalArgumentException e) {
            LOG.warn("unusable ICC profile in a HEIF file ({}); its pixels are taken as sRGB", e.toString());
            return image;
        }
        if (space.getType() != ColorSpace.TYPE_RGB) {
            return image;
        }
        boolean alpha = image.getColorModel().hasAlpha();
        DirectColorModel model = new DirectColorModel(space, alpha ? 32 : 24, 0xff0000, 0xff00, 0xff,
                alpha ? 0xff000000 : 0, false, DataBuffer.TYPE_INT);
        WritableRaster raster = image.getRaster();
        return Srgb.convert(new BufferedImage(model, raster, false, null));
    }

    private static void check(Libheif.HeifError error, String what) throws ImageException {
        if (error.failed()) {
            throw new ImageException(ImageException.CORRUPT, what + ": " + error);
        }
    }
}
