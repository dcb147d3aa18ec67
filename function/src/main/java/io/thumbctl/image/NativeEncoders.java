package io.thumbctl.image;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bundled encoders of the formats ImageIO does not write, each loaded the first time it is
 * asked for: a function whose renditions name no WebP never loads libwebp.
 */
final class NativeEncoders {

    private NativeEncoders() {
    }

    static Map<ImageType, Supplier<Optional<ImageEncoder.FormatEncoder>>> bundled() {
        return Map.of(ImageType.WEBP, () -> WebpEncoder.instance().map(webp -> webp::encode),
                ImageType.AVIF, () -> AvifEncoder.instance().map(avif -> avif::encode));
    }
}
