package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;
import org.junit.jupiter.params.provider.Arguments;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The renderers the tests run through: the default one (native JPEG path where it loads) and pure Java. */
final class Renderers {

    static final ThumbnailRenderer DEFAULT = new ThumbnailRenderer(RenderSettings.fromEnvironment());
    static final ThumbnailRenderer PURE_JAVA = new ThumbnailRenderer(RenderSettings.defaults().withNative(false).withTimeLimit(Duration.ofSeconds(10)));

    private Renderers() {
    }

    /** A default renderer made while the switch {@code property} is true (switches are read when a renderer is made). */
    static ThumbnailRenderer switchedOff(String property) {
        System.setProperty(property, "true");
        try {
            return new ThumbnailRenderer(RenderSettings.fromEnvironment());
        } finally {
            System.clearProperty(property);
        }
    }

    /** Both paths where libturbojpeg loads (Linux x86_64/aarch64); only pure Java elsewhere. */
    static Stream<Arguments> both() {
        List<Arguments> list = new ArrayList<>();
        if (DEFAULT.nativeJpegAvailable()) {
            list.add(Arguments.of(DecodePath.TURBOJPEG, DEFAULT));
        }
        list.add(Arguments.of(DecodePath.IMAGEIO, PURE_JAVA));
        return list.stream();
    }

    static ThumbnailSpec box(int width, int height) {
        return new ThumbnailSpec(width, height, OutputFormat.SAME, 100_000_000L, 0.85f);
    }

    static ThumbnailSpec box(int width, int height, OutputFormat format) {
        return new ThumbnailSpec(width, height, format, 100_000_000L, 0.85f);
    }

    static BufferedImage read(EncodedImage thumbnail) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
            if (image == null) {
                throw new AssertionError("the thumbnail is not a readable " + thumbnail.type());
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
