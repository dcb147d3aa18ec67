package io.thumbctl.image;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Locale;
import java.util.Optional;

/**
 * The fast JPEG path: libjpeg-turbo decodes at the smallest DCT scale (1/8 to 8/8) that still
 * leaves at least {@link #OVERSAMPLE} times the thumbnail, straight into TYPE_INT_RGB pixels.
 * It declines (empty result) what it should not or cannot read, and the ImageIO path takes over:
 * CMYK/YCCK files (they need their ICC profile), files with a non-sRGB profile, and anything
 * libjpeg-turbo rejects (TwelveMonkeys works around many broken encoders).
 */
final class TurboJpegDecoder {

    /** Like Pillow's {@code reducing_gap=2}: the DCT scale leaves at least twice the thumbnail. */
    static final int OVERSAMPLE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(TurboJpegDecoder.class);

    private final TurboJpeg turbo;

    TurboJpegDecoder(TurboJpeg turbo) {
        this.turbo = turbo;
    }

    static boolean isJpeg(byte[] bytes) {
        return bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
    }

    Optional<Decoded> decode(byte[] bytes, DecodeRequest request) throws ImageException {
        try (TurboJpeg.Source source = new TurboJpeg.Source(bytes)) {
            TurboJpeg.Header header = turbo.header(source);
            request.checkPixels(header.width(), header.height());
            if (header.isCmykOrYcck()) {
                return Optional.empty();
            }
            BoxFit fit = request.fit(header.width(), header.height());
            int eighths = eighths(header.width(), header.height(), fit.width() * OVERSAMPLE, fit.height() * OVERSAMPLE);
            TurboJpeg.Pixels pixels = turbo.decode(source, header, eighths);
            if (pixels.warning() != null && pixels.warning().toLowerCase(Locale.ROOT).contains("premature end")) {
                throw new ImageException(ImageException.CORRUPT, "the file is truncated: " + pixels.warning());
            }
            return Optional.of(new Decoded(toImage(pixels), "jpeg", header.width(), header.height(),
                    DecodePath.TURBOJPEG));
        } catch (TurboJpeg.NativeException e) {
            // Not a verdict: TwelveMonkeys reads many files libjpeg-turbo refuses, and decides.
            LOG.info("libjpeg-turbo refused the JPEG ({}); trying ImageIO", e.getMessage(), e);
            return Optional.empty();
        }
    }

    /** The smallest n (1-8) for which the n/8 scaled image is at least min on both axes. */
    static int eighths(int width, int height, int minWidth, int minHeight) {
        for (int n = 1; n < 8; n++) {
            if (TurboJpeg.scaled(width, n) >= minWidth && TurboJpeg.scaled(height, n) >= minHeight) {
                return n;
            }
        }
        return 8;
    }

    /** Wraps the decoded array as a TYPE_INT_RGB image, without copying it. */
    static BufferedImage toImage(TurboJpeg.Pixels pixels) {
        int[] masks = {0xff0000, 0xff00, 0xff};
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(pixels.argb(), pixels.argb().length),
                pixels.width(), pixels.height(), pixels.width(), masks, null);
        return new BufferedImage(new DirectColorModel(24, masks[0], masks[1], masks[2]), raster, false, null);
    }
}
