package io.thumbctl.image;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * CMYK and YCCK JPEGs without a usable CMYK profile are converted to sRGB through a bundled
 * default CMYK profile (CGATS.001 / SWOP compatible, see {@code cmyk/README.md}), as libvips and
 * browsers do, instead of naively.
 *
 * <p>Why: CMYK values mean nothing without a profile. When a file has none, or carries one made
 * for another colour space (an sRGB or gray profile, which some tools embed by mistake), or one
 * that cannot be read, TwelveMonkeys falls back to its built-in non-ICC CMYK space (on Linux it
 * finds no system CMYK profile) and converts naively ({@code R = (1 - C)(1 - K)}): a navy patch
 * comes out bright blue, or, through a mismatched profile, gray. Such files are read here as raw
 * samples instead ({@link ImageReader#readRaster}, still subsampled and through TwelveMonkeys'
 * stream repairs), turned into ink values, and converted through the default profile. A file
 * whose own CMYK profile is usable keeps it: TwelveMonkeys converts those itself.
 */
final class DefaultCmykProfile {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DefaultCmykProfile.class);

    private static final String RESOURCE = "cmyk/CGATS001Compat-v2-micro.icc";
    private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.ISO_8859_1);
    private static final int APP14 = 0xee;
    private static final int SOS = 0xda;
    /** Adobe APP14 transform: 2 is YCCK (YCbCr plus K), 0 plain CMYK. */
    private static final int TRANSFORM_YCCK = 2;

    private DefaultCmykProfile() {
    }

    /**
     * Whether TwelveMonkeys, set up on a JPEG, found no CMYK profile it can use for it: its raw
     * image type then names its non-ICC fallback CMYK space. Never throws: a file this cannot
     * judge is left to the decoder as it is.
     */
    static boolean isMissing(ImageReader reader) {
        try {
            if (!"jpeg".equalsIgnoreCase(reader.getFormatName())) {
                return false;
            }
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            if (raw == null || raw.getNumBands() != 4) {
                return false;
            }
            ColorSpace space = raw.getColorModel().getColorSpace();
            return space.getType() == ColorSpace.TYPE_CMYK && !(space instanceof ICC_ColorSpace);
        } catch (IOException | RuntimeException e) {
            // The reader's own read decides whether the file is broken; this only chose how to read it.
            LOG.debug("cannot tell whether the CMYK profile is missing ({}); reading as the reader would", e.toString(), e);
            return false;
        }
    }

    /**
     * Reads the image the reader is set up on as raw samples (honouring the subsampling in
     * {@code param}) and converts it to sRGB through the default profile.
     *
     * @param jpeg the file's bytes, to tell YCCK from CMYK (Adobe APP14)
     */
    static BufferedImage read(ImageReader reader, ImageReadParam param, byte[] jpeg) throws IOException {
        Raster samples = reader.readRaster(0, param);
        if (samples.getNumBands() != 4) {
            throw new IOException("expected 4 CMYK samples per pixel, the decoder gave " + samples.getNumBands());
        }
        WritableRaster ink = inkValues(samples, isYcck(jpeg));
        ComponentColorModel cmyk = new ComponentColorModel(Holder.SPACE, false, false, Transparency.OPAQUE,
                DataBuffer.TYPE_BYTE);
        BufferedImage source = new BufferedImage(cmyk, ink, false, null);
        BufferedImage srgb = new BufferedImage(ink.getWidth(), ink.getHeight(), BufferedImage.TYPE_INT_RGB);
        new ColorConvertOp(null).filter(source, srgb);
        return srgb;
    }

    /**
     * Ink amounts (0 = none, 255 = full) from the samples as stored. Adobe's CMYK JPEGs store
     * every channel inverted; YCCK stores the inverted C, M, Y as YCbCr (so the JFIF conversion
     * gives C, M, Y directly) and K inverted.
     */
    private static WritableRaster inkValues(Raster samples, boolean ycck) {
        int w = samples.getWidth();
        int h = samples.getHeight();
        WritableRaster ink = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        int[] row = new int[w * 4];
        int[] out = new int[w * 4];
        for (int y = 0; y < h; y++) {
            samples.getPixels(samples.getMinX(), samples.getMinY() + y, w, 1, row);
            for (int i = 0; i < row.length; i += 4) {
                if (ycck) {
                    double luma = row[i];
                    double cb = row[i + 1] - 128.0;
                    double cr = row[i + 2] - 128.0;
                    out[i] = clamp(luma + 1.402 * cr);
                    out[i + 1] = clamp(luma - 0.344136 * cb - 0.714136 * cr);
                    out[i + 2] = clamp(luma + 1.772 * cb);
                } else {
                    out[i] = 255 - row[i];
                    out[i + 1] = 255 - row[i + 1];
                    out[i + 2] = 255 - row[i + 2];
                }
                out[i + 3] = 255 - row[i + 3];
            }
            ink.setPixels(0, y, w, 1, out);
        }
        return ink;
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    /** Whether the header's Adobe APP14 segment (before the first scan) says YCCK. */
    static boolean isYcck(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xff) {
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xff) { // fill byte
                pos++;
                continue;
            }
            if (marker == SOS || marker < 0xc0 || (marker >= 0xd0 && marker <= 0xd9)) {
                return false; // the scan, or a marker without a length: no Adobe segment before it
            }
            int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
            if (length < 2 || pos + 2 + length > jpeg.length) {
                return false;
            }
            // APP14: "Adobe", version (2), flags0 (2), flags1 (2), transform (1)
            if (marker == APP14 && length >= 14 && startsWith(jpeg, pos + 4, ADOBE)) {
                return (jpeg[pos + 4 + 11] & 0xff) == TRANSFORM_YCCK;
            }
            pos += 2 + length;
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The default profile, loaded once, when the first such file comes. */
    private static final class Holder {
        static final ICC_ColorSpace SPACE = load();

        private static ICC_ColorSpace load() {
            try (InputStream in = DefaultCmykProfile.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("io/thumbctl/image/" + RESOURCE + " is missing from the jar");
                }
                return new ICC_ColorSpace(ICC_Profile.getInstance(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
