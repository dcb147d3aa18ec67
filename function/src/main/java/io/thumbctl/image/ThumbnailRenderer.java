package io.thumbctl.image;

import jakarta.inject.Singleton;
import org.imgscalr.Scalr;

import java.awt.image.BufferedImage;

/**
 * Source bytes in, thumbnail bytes out: decode (header limits, subsampling), resize (imgscalr),
 * orient (EXIF), encode (no metadata). Thread-safe and stateless; knows nothing of S3.
 */
@Singleton
public class ThumbnailRenderer {

    /** The decoded intermediate is kept at least this many times the box so the downscale can filter. */
    private static final int OVERSAMPLE = 3;

    private final ImageDecoder decoder = new ImageDecoder();
    private final ImageEncoder encoder = new ImageEncoder();

    public Thumbnail render(byte[] source, ThumbnailSpec spec) throws ImageException {
        Orientation orientation = Orientation.read(source);
        // The box applies to the upright image: a sideways-stored portrait is fitted as a portrait.
        int boxW = orientation.swapsAxes() ? spec.height() : spec.width();
        int boxH = orientation.swapsAxes() ? spec.width() : spec.height();
        ImageDecoder.Decoded decoded = decoder.decode(source, spec.maxPixels(), boxW * OVERSAMPLE, boxH * OVERSAMPLE);
        BoxFit fit = BoxFit.of(decoded.sourceWidth(), decoded.sourceHeight(), boxW, boxH);
        BufferedImage resized = resize(decoded.image(), fit);
        BufferedImage upright = orientation.apply(resized);
        ImageType type = ImageType.forOutput(spec.format(), decoded.format());
        byte[] bytes = encoder.encode(upright, type, spec.jpegQuality());
        return new Thumbnail(bytes, type, upright.getWidth(), upright.getHeight());
    }

    private static BufferedImage resize(BufferedImage image, BoxFit fit) {
        if (image.getWidth() == fit.width() && image.getHeight() == fit.height()) {
            return image;
        }
        return Scalr.resize(image, Scalr.Method.ULTRA_QUALITY, Scalr.Mode.FIT_EXACT, fit.width(), fit.height());
    }
}
