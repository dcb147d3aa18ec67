package io.thumbctl.image;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.thumbctl.testing.ImageDifference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WebP encoder, checked by decoding its output with an independent decoder (TwelveMonkeys'
 * pure-Java WebP reader). The bundled library must load here: these tests run on Linux x86_64,
 * and a library that stopped loading there must fail the build, not skip it.
 *
 * <p>The colour bounds are loose because of the decoder, not the encoder: TwelveMonkeys 3.12
 * decodes lossy WebP with red and blue about 9 and 12 levels low. On the photo below, libwebp's
 * own decoder (through Pillow) is off by 2.5 per channel on average, TwelveMonkeys by 8.8. A red
 * and blue swap is off by 27, so the bounds still catch a wrong byte order.
 */
class WebpEncoderTest {

    private static WebpEncoder encoder() {
        return WebpEncoder.instance().orElseThrow(() -> new AssertionError("the bundled libwebp did not load on "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " (see the log)"));
    }

    @Test
    void bundledLibrary_loadsAndReportsItsVersion() {
        assertThat(encoder().version()).as("Debian bookworm's libwebp7").isEqualTo("1.2.4");
    }

    @Test
    void photo_decodesAtItsSizeWithColoursCloseToTheInput() throws IOException {
        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(ProblemImages.resource("exif/Landscape_1.jpg")));

        BufferedImage decoded = decode(encoder().encode(photo, WebpEncoder.DEFAULT_QUALITY));

        assertThat(decoded.getWidth()).isEqualTo(photo.getWidth());
        assertThat(decoded.getHeight()).isEqualTo(photo.getHeight());
        assertThat(ImageDifference.mean(photo, decoded)).as("mean |difference| per channel").isLessThan(12.0);
    }

    @Test
    void gradientWithNoise_keepsItsColoursPerChannel() throws IOException {
        BufferedImage image = photoLike(321, 207, BufferedImage.TYPE_INT_RGB);

        BufferedImage decoded = decode(encoder().encode(image, WebpEncoder.DEFAULT_QUALITY));

        assertThat(ImageDifference.mean(image, decoded)).as("mean |difference| per channel").isLessThan(10.0);
    }

    @Test
    void primaryColours_stayInTheirChannels() throws IOException {
        BufferedImage image = new BufferedImage(48, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 16, 16);
        g.setColor(Color.GREEN);
        g.fillRect(16, 0, 16, 16);
        g.setColor(Color.BLUE);
        g.fillRect(32, 0, 16, 16);
        g.dispose();

        BufferedImage decoded = decode(encoder().encode(image, WebpEncoder.DEFAULT_QUALITY));

        assertClose(decoded.getRGB(8, 8), 0xFF0000);
        assertClose(decoded.getRGB(24, 8), 0x00FF00);
        assertClose(decoded.getRGB(40, 8), 0x0000FF);
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_ARGB_PRE})
    void transparentCorner_staysTransparentAndOpaqueAreaOpaque(int type) throws IOException {
        BufferedImage image = photoLike(96, 64, type);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, 0x00000000);
            }
        }
        for (int y = 48; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                image.setRGB(x, y, 0x80FF8000); // half-transparent orange band
            }
        }

        byte[] webp = encoder().encode(image, WebpEncoder.DEFAULT_QUALITY);
        BufferedImage decoded = decode(webp);

        assertThat(chunks(webp)).as("chunks").contains("VP8X", "ALPH", "VP8 ");
        assertThat(decoded.getColorModel().hasAlpha()).isTrue();
        assertThat(alpha(decoded, 0, 0)).isZero();
        assertThat(alpha(decoded, 31, 31)).isZero();
        assertThat(alpha(decoded, 64, 20)).isEqualTo(255);
        assertThat(alpha(decoded, 95, 0)).isEqualTo(255);
        assertThat(alpha(decoded, 50, 56)).as("alpha is compressed losslessly by default").isEqualTo(0x80);
    }

    @Test
    void rgbInput_isWrittenWithoutAnAlphaChannel() throws IOException {
        BufferedImage image = photoLike(64, 48, BufferedImage.TYPE_INT_RGB);

        byte[] webp = encoder().encode(image, WebpEncoder.DEFAULT_QUALITY);
        BufferedImage decoded = decode(webp);

        assertThat(chunks(webp)).as("simple lossy format: one VP8 chunk").containsExactly("VP8 ");
        assertThat(decoded.getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void opaqueImageWithAlphaModel_isEncodedOpaque() throws IOException {
        BufferedImage image = photoLike(64, 48, BufferedImage.TYPE_INT_ARGB);

        BufferedImage decoded = decode(encoder().encode(image, WebpEncoder.DEFAULT_QUALITY));

        for (int y = 0; y < decoded.getHeight(); y++) {
            for (int x = 0; x < decoded.getWidth(); x++) {
                assertThat(alpha(decoded, x, y)).as("alpha at %d,%d", x, y).isEqualTo(255);
            }
        }
    }

    @Test
    void higherQuality_givesMoreBytes() {
        BufferedImage image = photoLike(320, 240, BufferedImage.TYPE_INT_RGB);

        int low = encoder().encode(image, 30).length;
        int normal = encoder().encode(image, WebpEncoder.DEFAULT_QUALITY).length;
        int high = encoder().encode(image, 95).length;

        assertThat(low).isLessThan(normal);
        assertThat(normal).isLessThan(high);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "1,7", "7,1", "3,5", "17,33", "255,257"})
    void oddAndTinySizes_decodeAtTheirSize(int width, int height) throws IOException {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB}) {
            BufferedImage decoded = decode(encoder().encode(photoLike(width, height, type), 1));

            assertThat(decoded.getWidth()).as("width, type %d", type).isEqualTo(width);
            assertThat(decoded.getHeight()).as("height, type %d", type).isEqualTo(height);
        }
    }

    /**
     * Every type reaches libwebp as the same bytes as a TYPE_INT_RGB (or, with alpha,
     * TYPE_INT_ARGB) image of the pixels its getRGB reports, which takes the raster fast path: the
     * outputs are identical.
     */
    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_BGR,
            BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_USHORT_565_RGB, BufferedImage.TYPE_BYTE_GRAY,
            BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_4BYTE_ABGR_PRE})
    void anyImageType_encodesLikeItsIntCopy(int type) {
        BufferedImage image = copy(photoLike(120, 90, BufferedImage.TYPE_INT_RGB), type);
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage intCopy = new BufferedImage(image.getWidth(), image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        intCopy.setRGB(0, 0, image.getWidth(), image.getHeight(),
                image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()), 0, image.getWidth());

        assertThat(encoder().encode(image, WebpEncoder.DEFAULT_QUALITY))
                .isEqualTo(encoder().encode(intCopy, WebpEncoder.DEFAULT_QUALITY));
    }

    @Test
    void subimage_encodesOnlyItsOwnArea() throws IOException {
        BufferedImage whole = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = whole.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 64, 64);
        g.setColor(Color.RED);
        g.fillRect(32, 32, 32, 32);
        g.dispose();

        BufferedImage decoded = decode(encoder().encode(whole.getSubimage(32, 32, 32, 32), WebpEncoder.DEFAULT_QUALITY));

        assertClose(decoded.getRGB(16, 16), 0xFF0000);
    }

    @Test
    void qualityOutOfRange_isRefusedWithTheDefaultNamed() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);

        assertThatThrownBy(() -> encoder().encode(image, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-100").hasMessageContaining(String.valueOf(WebpEncoder.DEFAULT_QUALITY));
        assertThatThrownBy(() -> encoder().encode(image, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sideOverTheFormatsLimit_isRefusedBeforeLibwebpIsCalled() {
        BufferedImage wide = new BufferedImage(WebpEncoder.MAX_DIMENSION + 1, 1, BufferedImage.TYPE_BYTE_GRAY);

        assertThatThrownBy(() -> encoder().encode(wide, 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16383");
    }

    @Test
    void nativeFailure_throwsAndStillFreesWhatLibwebpReturned() {
        FailingApi api = new FailingApi();
        WebpEncoder failing = new WebpEncoder(api);

        assertThatThrownBy(() -> failing.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), 80))
                .isInstanceOf(WebpEncoder.EncodeException.class)
                .hasMessageContaining("8x8").hasMessageContaining("quality 80");
        assertThat(api.freed).containsExactly(api.returned);
    }

    @Test
    void libraryReportingNoVersion_isRejectedAtLoad() {
        FailingApi api = new FailingApi();
        api.version = 0;

        assertThatThrownBy(() -> new WebpEncoder(api)).isInstanceOf(IllegalStateException.class);
    }

    /** A libwebp that hands back a buffer but says it wrote nothing, and records what is freed. */
    private static final class FailingApi implements WebpEncoder.Api {
        final Pointer returned = new Memory(16);
        final List<Pointer> freed = new ArrayList<>();
        int version = 0x010204;

        @Override
        public NativeLong WebPEncodeRGB(Pointer rgb, int width, int height, int stride, float quality,
                                        PointerByReference output) {
            output.setValue(returned);
            return new NativeLong(0);
        }

        @Override
        public NativeLong WebPEncodeRGBA(Pointer rgba, int width, int height, int stride, float quality,
                                         PointerByReference output) {
            return WebPEncodeRGB(rgba, width, height, stride, quality, output);
        }

        @Override
        public void WebPFree(Pointer memory) {
            freed.add(memory);
        }

        @Override
        public int WebPGetEncoderVersion() {
            return version;
        }
    }

    /** Smooth gradients in all three channels under seeded noise: compresses like a photo, not like flat art. */
    static BufferedImage photoLike(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Random noise = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double fx = x / (double) width;
                double fy = y / (double) height;
                int r = channel(40 + 180 * fx, noise);
                int g = channel(30 + 190 * fy, noise);
                int b = channel(128 + 90 * Math.sin(7 * fx + 5 * fy), noise);
                image.setRGB(x, y, 0xFF000000 | r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static int channel(double value, Random noise) {
        return (int) Math.max(0, Math.min(255, Math.round(value + noise.nextGaussian() * 4)));
    }

    private static BufferedImage copy(BufferedImage image, int type) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return copy;
    }

    private static BufferedImage decode(byte[] webp) throws IOException {
        assertThat(new String(webp, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(webp, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(webp));
        assertThat(image).as("TwelveMonkeys reads the output").isNotNull();
        return image;
    }

    /** The RIFF chunk types after the WEBP form type, in order. */
    private static List<String> chunks(byte[] webp) {
        List<String> chunks = new ArrayList<>();
        int at = 12;
        while (at + 8 <= webp.length) {
            chunks.add(new String(webp, at, 4, StandardCharsets.US_ASCII));
            int size = (webp[at + 4] & 0xff) | (webp[at + 5] & 0xff) << 8 | (webp[at + 6] & 0xff) << 16
                    | (webp[at + 7] & 0xff) << 24;
            at += 8 + size + (size & 1);
        }
        return chunks;
    }

    private static int alpha(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >>> 24;
    }

    private static void assertClose(int argb, int rgb) {
        int[] actual = {argb >> 16 & 0xff, argb >> 8 & 0xff, argb & 0xff};
        int[] expected = {rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff};
        for (int c = 0; c < 3; c++) {
            assertThat(Math.abs(actual[c] - expected[c])).as("channel %d of %s, expected %s", c,
                    Arrays.toString(actual), Arrays.toString(expected)).isLessThanOrEqualTo(24);
        }
    }
}
