package io.thumbctl.image;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Decodes a progressive JPEG cut after its DC scans ({@link ProgressivePrefix.Complete#decodable})
 * through libjpeg-turbo at 1/8 scale, where each 8x8 block becomes one pixel computed from its DC
 * coefficient alone: the same pixels a whole-file decode at 1/8 gives, but for the missing low DC
 * bits. It declines (empty result) whenever that would not hold, so the caller reads the whole
 * object instead: a box large enough that the decode scale is above 1/8, a CMYK/YCCK file, or
 * any error or warning from libjpeg-turbo. It never fails an image for good on what it saw in a
 * prefix, except for the pixel limit, which the frame header states exactly.
 */
final class DcScanDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(DcScanDecoder.class);

    private final TurboJpeg turbo;

    DcScanDecoder(TurboJpeg turbo) {
        this.turbo = turbo;
    }

    Optional<Decoded> decode(byte[] jpeg, DecodeRequest request) throws ImageException {
        try (TurboJpeg.Source source = new TurboJpeg.Source(jpeg)) {
            TurboJpeg.Header header = turbo.header(source);
            request.checkPixels(header.width(), header.height());
            BoxFit fit = request.fit(header.width(), header.height());
            int eighths = TurboJpegDecoder.eighths(header.width(), header.height(),
                    fit.width() * TurboJpegDecoder.OVERSAMPLE, fit.height() * TurboJpegDecoder.OVERSAMPLE);
            if (header.isCmykOrYcck() || eighths != 1) {
                return Optional.empty();
            }
            TurboJpeg.Pixels pixels = turbo.decode(source, header, 1);
            if (pixels.warning() != null) {
                LOG.debug("libjpeg-turbo warned on the DC scans ({}); decoding the whole file", pixels.warning());
                return Optional.empty();
            }
            return Optional.of(new Decoded(TurboJpegDecoder.toImage(pixels), "jpeg", header.width(), header.height(),
                    DecodePath.TURBOJPEG_DC));
        } catch (TurboJpeg.NativeException e) {
            // The whole file is decoded instead, which decides whether it is broken.
            LOG.info("libjpeg-turbo refused the DC scans ({}); decoding the whole file", e.getMessage(), e);
            return Optional.empty();
        }
    }
}
