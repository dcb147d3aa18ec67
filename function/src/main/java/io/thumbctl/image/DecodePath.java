package io.thumbctl.image;

/** Which decoder produced an image: the benchmark and the logs report it per image. */
public enum DecodePath {
    /** libjpeg-turbo's DCT-scaled decode through the bundled libturbojpeg (JPEG, RGB/YCbCr/gray). */
    TURBOJPEG("turbojpeg"),
    /**
     * The same at 1/8 scale from a progressive JPEG's first bytes only, up to the end of its DC
     * scans (see {@link ProgressivePrefix}).
     */
    TURBOJPEG_DC("turbojpeg-dc"),
    /**
     * PNG rows inflated by the JDK, unfiltered and subsampled as they stream in
     * ({@link PngStreamDecoder}): non-interlaced 8-bit gray, gray+alpha, RGB, RGBA and palette PNGs.
     */
    PNG_STREAM("png-stream"),
    /**
     * The same, with the image data inflated at once by the bundled libdeflate: PNGs whose
     * inflated image data is at most 16 MB (see {@link PngStreamDecoder#WHOLE_INFLATE_MAX_BYTES}).
     */
    PNG_LIBDEFLATE("png-libdeflate"),
    /** ImageIO with the TwelveMonkeys plugins and subsampled reads: everything else. */
    IMAGEIO("imageio"),
    /** HEIC/HEIF (HEVC) and AVIF (AV1) through the bundled libheif ({@link HeifDecoder}). */
    HEIF("libheif");

    private final String label;

    DecodePath(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
