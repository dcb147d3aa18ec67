package io.thumbctl.image;

import io.thumbctl.testing.ImageDifference;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * AVIF output: every file is read back with libavif's own decoder ({@link AvifDecoder}), not by the
 * code that wrote it. On Linux x86_64 and aarch64 the bundled libraries must load: these tests fail
 * there if they do not, and skip only on platforms the jar carries no library for.
 */
class AvifEncoderTest {

    // libavif's avifPixelFormat and the CICP codes for sRGB
    private static final int YUV420 = 3;
    private static final int BT709 = 1;
    private static final int SRGB = 13;
    private static final int BT601 = 6;
    private static final int FULL_RANGE = 1;

    @Test
    void bundledLibrary_loadsOnLinuxX86AndArm() throws IOException {
        AvifEncoder encoder = encoder();

        assertThat(encoder.versions()).startsWith("libavif 0.11.1").contains("aom [enc/dec]");
        // This machine may have a libaom.so.3 of its own in /usr/lib: the bundled one must be the one used.
        assertThat(Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains("libaom")))
                .as("libaom mapped from").isNotEmpty()
                .allMatch(l -> l.endsWith("/native/" + TurboJpeg.platformFolder().orElseThrow() + "/libaom.so"));
    }

    @Test
    void photo_decodesToItsSizeAndColours() throws IOException {
        BufferedImage photo = photo();

        byte[] avif = encoder().encode(photo, AvifEncoder.DEFAULT_QUALITY);
        AvifDecoder.Decoded decoded = AvifDecoder.decode(avif);

        assertThat(decoded.image().getWidth()).isEqualTo(photo.getWidth());
        assertThat(decoded.image().getHeight()).isEqualTo(photo.getHeight());
        assertThat(decoded.depth()).isEqualTo(8);
        assertThat(decoded.yuvFormat()).as("4:2:0").isEqualTo(YUV420);
        assertThat(decoded.alpha()).isFalse();
        assertThat(new int[]{decoded.colorPrimaries(), decoded.transferCharacteristics(), decoded.matrixCoefficients(),
                decoded.range()}).as("CICP and range").containsExactly(BT709, SRGB, BT601, FULL_RANGE);
        assertThat(ImageDifference.mean(photo, decoded.image())).as("mean absolute difference, 0-255")
                .isLessThan(4.0);
    }

    @Test
    void transparentImage_keepsItsAlpha() {
        BufferedImage image = ProblemImages.halfTransparent(96, 64);

        AvifDecoder.Decoded decoded = AvifDecoder.decode(encoder().encode(image, AvifEncoder.DEFAULT_QUALITY));

        assertThat(decoded.alpha()).isTrue();
        // alpha is coded lossy, like the colour: a few levels either way
        assertThat(decoded.image().getRGB(10, 32) >>> 24).as("opaque half").isGreaterThanOrEqualTo(250);
        assertThat(decoded.image().getRGB(90, 32) >>> 24).as("transparent half").isLessThanOrEqualTo(5);
    }

    @Test
    void opaqueImage_hasNoAlphaPlane() {
        BufferedImage image = ProblemImages.gradient(96, 64, BufferedImage.TYPE_INT_RGB);

        assertThat(AvifDecoder.decode(encoder().encode(image, AvifEncoder.DEFAULT_QUALITY)).alpha()).isFalse();
    }

    @Test
    void higherQuality_givesMoreBytes() throws IOException {
        BufferedImage photo = photo();
        AvifEncoder encoder = encoder();

        int low = encoder.encode(photo, 30).length;
        int standard = encoder.encode(photo, AvifEncoder.DEFAULT_QUALITY).length;
        int high = encoder.encode(photo, 90).length;

        assertThat(low).isLessThan(standard);
        assertThat(standard).isLessThan(high);
    }

    @Test
    void oddAndTinySizes_keepTheirDimensions() {
        AvifEncoder encoder = encoder();
        for (int[] size : new int[][]{{1, 1}, {3, 5}, {127, 33}}) {
            BufferedImage image = ProblemImages.gradient(size[0], size[1], BufferedImage.TYPE_INT_RGB);

            BufferedImage decoded = AvifDecoder.decode(encoder.encode(image, AvifEncoder.DEFAULT_QUALITY)).image();

            assertThat(new int[]{decoded.getWidth(), decoded.getHeight()}).containsExactly(size);
        }
    }

    @Test
    void imageWithoutAnIntRaster_isConvertedFirst() throws IOException {
        BufferedImage photo = photo();
        BufferedImage bgr = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.createGraphics().drawImage(photo, 0, 0, null);

        BufferedImage decoded = AvifDecoder.decode(encoder().encode(bgr, AvifEncoder.DEFAULT_QUALITY)).image();

        assertThat(ImageDifference.mean(bgr, decoded)).isLessThan(4.0);
    }

    @Test
    void subimages_areReadFromTheirOwnRectangle() throws IOException {
        BufferedImage photo = photo();
        // top left: the shared array with the photo's row stride; centre: a converted copy
        for (BufferedImage part : new BufferedImage[]{photo.getSubimage(0, 0, 64, 48),
                photo.getSubimage(photo.getWidth() / 2, photo.getHeight() / 2, 64, 48)}) {

            BufferedImage decoded = AvifDecoder.decode(encoder().encode(part, AvifEncoder.DEFAULT_QUALITY)).image();

            assertThat(ImageDifference.mean(part, decoded)).isLessThan(4.0);
        }
    }

    @Test
    void qualityOutOfRange_isRefusedWithTheDefaultNamed() {
        BufferedImage image = ProblemImages.gradient(8, 8, BufferedImage.TYPE_INT_RGB);

        assertThatThrownBy(() -> encoder().encode(image, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-100").hasMessageContaining("DEFAULT_QUALITY");
        assertThatThrownBy(() -> encoder().encode(image, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quality_mapsToLibavifsQuantizer() {
        assertThat(AvifEncoder.quantizer(100)).isZero();
        assertThat(AvifEncoder.quantizer(AvifEncoder.DEFAULT_QUALITY)).isEqualTo(25);
        assertThat(AvifEncoder.quantizer(1)).isEqualTo(62);
    }

    private static AvifEncoder encoder() {
        assumeTrue(TurboJpeg.platformFolder().isPresent(), "no libthumbctl_avif is bundled for "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        assertThat(AvifEncoder.instance()).as("bundled libthumbctl_avif and libaom load").isPresent();
        return AvifEncoder.instance().orElseThrow();
    }

    /** A real photo, as the renderer hands it over: TYPE_INT_RGB. */
    private static BufferedImage photo() throws IOException {
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(ProblemImages.resource("exif/Landscape_1.jpg")));
        BufferedImage rgb = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(read, 0, 0, null);
        return rgb;
    }

}
