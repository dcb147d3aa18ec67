package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;
import io.thumbctl.testing.ImageDifference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import static io.thumbctl.image.Renderers.box;
import static io.thumbctl.image.Renderers.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HEIC/HEIF and AVIF uploads (and the phone-made JPEGs next to them), rendered through
 * {@link ThumbnailRenderer} and compared with what the file should show. The files and their
 * reference pictures come from {@code heif/make-fixtures.sh}; the "quadrants" picture is red top
 * left, green top right, blue bottom left, white bottom right, so turns and mirrors show.
 */
class HeifSourcesTest {

    private static final ThumbnailRenderer RENDERER = Renderers.DEFAULT;
    /** Published Display P3 (D65) to sRGB matrix, linear light, for checking the conversions independently. */
    private static final double[][] P3_TO_SRGB = {
            {1.2249, -0.2247, 0.0}, {-0.0420, 1.0419, 0.0}, {-0.0197, -0.0786, 1.0979}};
    /** The Display P3 values in p3-colours.png, one 16-pixel band each. */
    private static final int[][] P3_COLOURS = {{220, 60, 50}, {60, 180, 80}, {230, 180, 150}, {128, 128, 128}};

    @Test
    void onLinuxX8664OrAarch64_libheifLoads() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("aarch64"))) {
            assertThat(HeifDecoder.instance()).as("the bundled libheif loads here").isPresent();
            assertThat(RENDERER.heifAvailable()).isTrue();
        }
    }

    @Test
    void plainHeic_rendersAsAJpegOfTheSamePicture() throws Exception {
        EncodedImage thumbnail = RENDERER.render(fixture("plain.heic"), box(200, 200));

        assertThat(thumbnail.decodePath()).isEqualTo(DecodePath.HEIF);
        assertThat(thumbnail.type()).isEqualTo(ImageType.JPEG);
        assertThat(size(thumbnail)).isEqualTo("96x64");
        assertThat(ImageDifference.mean(read(thumbnail), reference("quadrants.png"))).isLessThan(4);
    }

    @Test
    void heicReducedToABox_keepsItsLayout() throws Exception {
        EncodedImage thumbnail = RENDERER.render(fixture("plain.heic"), box(48, 48));

        assertThat(size(thumbnail)).isEqualTo("48x32");
        BufferedImage image = read(thumbnail);
        assertColour(image.getRGB(12, 8), 255, 0, 0, 6, "red top left");
    }

    @Test
    void irotHeic_isTurnedOnceAsTheContainerSays_notAgainByItsExif() throws Exception {
        // Coded 64x96 (turned a quarter left), with irot and an EXIF orientation 6 that agree.
        EncodedImage thumbnail = RENDERER.render(fixture("irot.heic"), box(200, 200));

        assertThat(size(thumbnail)).isEqualTo("96x64");
        assertThat(thumbnail.warning()).isNull();
        assertThat(ImageDifference.mean(read(thumbnail), reference("quadrants.png"))).isLessThan(4);
    }

    @Test
    void imirHeic_isMirroredAsTheContainerSays() throws Exception {
        EncodedImage thumbnail = RENDERER.render(fixture("imir.heic"), box(200, 200));

        assertThat(size(thumbnail)).isEqualTo("96x64");
        assertThat(ImageDifference.mean(read(thumbnail), reference("quadrants.png"))).isLessThan(4);
    }

    @Test
    void heicWithExifOrientation6ButNoIrot_isNotTurned() throws Exception {
        EncodedImage thumbnail = RENDERER.render(fixture("exif6.heic"), box(200, 200));

        assertThat(size(thumbnail)).isEqualTo("96x64");
        assertThat(ImageDifference.mean(read(thumbnail), reference("quadrants.png"))).isLessThan(4);
    }

    @Test
    void gridHeic_decodesWhole() throws Exception {
        EncodedImage thumbnail = RENDERER.render(fixture("grid.heic"), box(200, 200, OutputFormat.PNG));

        assertThat(size(thumbnail)).isEqualTo("128x128");
        BufferedImage image = read(thumbnail);
        assertThat(ImageDifference.mean(image, reference("grid-reference.png"))).isLessThan(4);
        // The yellow square spans all four tiles.
        for (int[] at : new int[][]{{60, 60}, {67, 60}, {60, 67}, {67, 67}}) {
            assertColour(image.getRGB(at[0], at[1]), 255, 255, 0, 6, "yellow at " + Arrays.toString(at));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"p3-nclx.heic", "p3-nclx.avif", "p3-icc.heic", "p3.jpg"})
    void displayP3Source_isConvertedToSrgb(String name) throws Exception {
        EncodedImage thumbnail = RENDERER.render(fixture(name), box(200, 200, OutputFormat.PNG));

        BufferedImage image = read(thumbnail);
        assertThat(size(thumbnail)).isEqualTo("64x48");
        for (int band = 0; band < P3_COLOURS.length; band++) {
            int[] expected = p3ToSrgb(P3_COLOURS[band]);
            int[] actual = channels(image.getRGB(band * 16 + 8, 24));
            for (int c = 0; c < 3; c++) {
                assertThat(actual[c]).as(name + " band " + band + " channel " + c + ": " + Arrays.toString(actual)
                        + " for " + Arrays.toString(expected)).isCloseTo(expected[c], org.assertj.core.data.Offset.offset(3));
            }
        }
        // The saturated red is not left at its P3 values: sRGB needs more red, less green, for it.
        int[] red = channels(image.getRGB(8, 24));
        assertThat(red[0]).isGreaterThan(P3_COLOURS[0][0] + 10);
        assertThat(red[1]).isLessThan(P3_COLOURS[0][1] - 10);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deep10.heic", "deep10.avif"})
    void tenBitSource_isScaledTo8BitsWithRounding(String name) throws Exception {
        EncodedImage thumbnail = RENDERER.render(fixture(name), box(200, 200, OutputFormat.PNG));

        BufferedImage image = read(thumbnail);
        // 10-bit 7, 512, 1021, 1023: rounded (v * 255 + 511) / 1023 gives 2, 128, 255, 255, where a
        // shift gives 1 for the first and truncation 127 for mid-grey.
        int[] expected = {2, 128, 255, 255};
        for (int band = 0; band < 4; band++) {
            int v = expected[band];
            assertColour(image.getRGB(band * 16 + 8, 24), v, v, v, 0, name + " band " + band);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deep12.avif", "deep12.heic"})
    void twelveBitSource_isScaledTo8BitsWithRounding_notTruncation(String name) throws Exception {
        EncodedImage thumbnail = RENDERER.render(fixture(name), box(200, 200, OutputFormat.PNG));

        BufferedImage image = read(thumbnail);
        assertThat(size(thumbnail)).isEqualTo("64x48");
        // 12-bit 9, 1903, 2048, 4095: (v * 255 + 2047) / 4095 gives 1, 119, 128, 255. Truncation
        // (v * 255 / 4095) gives 0, 118, 127, 255; a shift (v >> 4) 0, 118, 128, 255.
        int[] expected = {1, 119, 128, 255};
        for (int band = 0; band < 4; band++) {
            int v = expected[band];
            assertColour(image.getRGB(band * 16 + 8, 24), v, v, v, 0, name + " band " + band);
        }
    }

    @Test
    void heicWithAnHdrGainMap_showsThePrimaryImage_neverTheGainMap() throws Exception {
        // Item 1 is a 64x64 magenta auxiliary image (auxl to item 2, auxC Apple's HDR gain map
        // type), listed first and not hidden; item 2, the primary, is plain.heic's quadrants.
        byte[] file = fixture("gainmap.heic");
        assertThat(new String(file, StandardCharsets.ISO_8859_1))
                .contains("auxl").contains("urn:com:apple:photo:2020:aux:hdrgainmap");

        for (OutputFormat format : new OutputFormat[]{OutputFormat.SAME, OutputFormat.PNG}) {
            EncodedImage thumbnail = RENDERER.render(file, box(200, 200, format));

            assertThat(size(thumbnail)).isEqualTo("96x64");
            BufferedImage image = read(thumbnail);
            assertThat(ImageDifference.mean(image, reference("quadrants.png"))).as(format.name()).isLessThan(4);
            assertColour(image.getRGB(12, 8), 255, 0, 0, 12, "red top left, not magenta");
        }
        EncodedImage small = RENDERER.render(file, box(48, 48));
        assertThat(size(small)).as("scaled from the primary's 96x64, not the gain map's 64x64").isEqualTo("48x32");

        // The gain map is a real picture: made primary (pitm naming item 1), it shows, magenta.
        EncodedImage gainMap = RENDERER.render(withPrimaryItem(file, 2, 1), box(200, 200, OutputFormat.PNG));
        assertThat(size(gainMap)).isEqualTo("64x64");
        assertColour(read(gainMap).getRGB(32, 32), 255, 0, 255, 12, "the gain map");
    }

    @Test
    void avifWithAlpha_becomesAPngThatKeepsTransparency() throws Exception {
        EncodedImage thumbnail = RENDERER.render(fixture("alpha.avif"), box(200, 200));

        assertThat(thumbnail.type()).isEqualTo(ImageType.PNG);
        assertThat(thumbnail.decodePath()).isEqualTo(DecodePath.HEIF);
        BufferedImage image = read(thumbnail);
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(image.getRGB(70, 10) >>> 24).as("right half transparent").isEqualTo(0);
        assertThat(image.getRGB(12, 12) >>> 24).as("left half opaque").isEqualTo(255);
        assertColour(image.getRGB(12, 12), 255, 0, 0, 12, "red top left");
    }

    @Test
    void heicDeclaringMorePixelsThanTheLimit_failsBeforeDecoding() throws Exception {
        // plain.heic with its ispe claiming 20000x20000: the coded picture is still 96x64, so only
        // a check of the header (before any decode) can say too-many-pixels.
        byte[] file = withIspe(fixture("plain.heic"), 96, 64, 20_000, 20_000);

        assertThatThrownBy(() -> RENDERER.render(file, box(200, 200)))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageException.TOO_MANY_PIXELS));
        ThumbnailSpec small = new ThumbnailSpec(200, 200, OutputFormat.SAME, 96 * 64 - 1, 0.85f);
        assertThatThrownBy(() -> RENDERER.render(fixture("grid.heic"), small))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageException.TOO_MANY_PIXELS));
    }

    @Test
    void truncatedHeic_isCorrupt() {
        assertThatThrownBy(() -> RENDERER.render(fixture("truncated.heic"), box(200, 200)))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageException.CORRUPT));
    }

    @Test
    void heicBrandFollowedByGarbage_isCorrupt() {
        byte[] file = new byte[4096];
        new java.util.Random(7).nextBytes(file);
        byte[] ftyp = ftyp("heic", "mif1", "heic");
        System.arraycopy(ftyp, 0, file, 0, ftyp.length);

        assertThatThrownBy(() -> RENDERER.render(file, box(200, 200)))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageException.CORRUPT));
    }

    @Test
    void everyHeifFixtureCutAtEveryFewBytes_failsAsCorruptWithoutCrashing() throws Exception {
        for (String name : new String[]{"plain.heic", "grid.heic", "deep10.avif", "alpha.avif", "p3-icc.heic",
                "deep12.avif", "deep12.heic", "gainmap.heic"}) {
            byte[] whole = fixture(name);
            for (int length = 16; length < whole.length; length += 37) {
                byte[] cut = Arrays.copyOf(whole, length);
                try {
                    RENDERER.render(cut, box(64, 64));
                } catch (ImageException e) {
                    assertThat(e.reason()).as(name + " cut at " + length).isEqualTo(ImageException.CORRUPT);
                }
            }
        }
    }

    @Test
    void brandCheck_tellsHeicFromAvifFromOtherIsoFiles() throws Exception {
        assertThat(HeifDecoder.codec(fixture("plain.heic"))).contains(HeifDecoder.Codec.HEVC);
        assertThat(HeifDecoder.codec(fixture("grid.heic"))).contains(HeifDecoder.Codec.HEVC);
        assertThat(HeifDecoder.codec(fixture("deep10.avif"))).contains(HeifDecoder.Codec.AV1);
        assertThat(HeifDecoder.codec(ftyp("mif1", "mif1", "avif"))).contains(HeifDecoder.Codec.AV1);
        assertThat(HeifDecoder.codec(ftyp("mif1", "mif1", "miaf"))).contains(HeifDecoder.Codec.UNKNOWN);
        assertThat(HeifDecoder.isHeif(ftyp("isom", "isom", "mp41"))).as("an MP4 video").isFalse();
        assertThat(HeifDecoder.isHeif(ftyp("qt  ", "qt  "))).as("a QuickTime movie").isFalse();
        assertThat(HeifDecoder.isHeif(fixture("p3.jpg"))).isFalse();
        assertThat(HeifDecoder.isHeif(new byte[]{0, 0, 0, 24, 'f', 't', 'y', 'p'})).as("too short").isFalse();
    }

    @Test
    void heicWhereLibheifIsNotLoaded_isAnUnsupportedFormat_notCorrupt() {
        // Renderers.PURE_JAVA loads no native library, as on a platform without a bundled libheif.
        assertThatThrownBy(() -> Renderers.PURE_JAVA.render(fixture("plain.heic"), box(200, 200)))
                .isInstanceOfSatisfying(ImageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImageException.UNSUPPORTED_FORMAT);
                    assertThat(e.getMessage()).contains("libheif");
                });
    }

    @Test
    void heifSourceAskedForAsJpeg_orAsPng_isWrittenSo() throws Exception {
        assertThat(RENDERER.render(fixture("alpha.avif"), box(200, 200, OutputFormat.JPEG)).type()).isEqualTo(ImageType.JPEG);
        assertThat(RENDERER.render(fixture("plain.heic"), box(200, 200, OutputFormat.PNG)).type()).isEqualTo(ImageType.PNG);
    }

    @Test
    void ultraHdrJpeg_showsItsPrimaryImage_notTheAppendedGainMap() throws Exception {
        for (ThumbnailRenderer renderer : new ThumbnailRenderer[]{RENDERER, Renderers.PURE_JAVA}) {
            EncodedImage thumbnail = renderer.render(fixture("ultrahdr.jpg"), box(200, 200));

            assertThat(size(thumbnail)).isEqualTo("96x64");
            assertThat(ImageDifference.mean(read(thumbnail), reference("quadrants.png"))).as(thumbnail.decodePath().label())
                    .isLessThan(4);
        }
    }

    @Test
    void nclxConversion_usesTheP3MatrixDerivedFromThePrimaries() {
        double[] p3 = {0.680, 0.320, 0.265, 0.690, 0.150, 0.060, 0.3127, 0.3290};

        double[] matrix = NclxToSrgb.of(12, 13, p3).orElseThrow().matrix();

        for (int i = 0; i < 9; i++) {
            assertThat(matrix[i]).as("m" + i).isCloseTo(P3_TO_SRGB[i / 3][i % 3], org.assertj.core.data.Offset.offset(0.001));
        }
        assertThat(NclxToSrgb.of(1, 13, p3)).as("BT.709 primaries are sRGB's").isEmpty();
        assertThat(NclxToSrgb.of(2, 1, p3)).as("unspecified counts as sRGB").isEmpty();
        assertThat(NclxToSrgb.of(1, 16, p3)).as("PQ needs its transfer function").isPresent();
    }

    // --- helpers

    private static int[] p3ToSrgb(int[] p3) {
        double[] linear = new double[3];
        for (int c = 0; c < 3; c++) {
            linear[c] = NclxToSrgb.srgbDecode(p3[c] / 255.0);
        }
        int[] out = new int[3];
        for (int r = 0; r < 3; r++) {
            double v = P3_TO_SRGB[r][0] * linear[0] + P3_TO_SRGB[r][1] * linear[1] + P3_TO_SRGB[r][2] * linear[2];
            out[r] = (int) Math.round(255 * NclxToSrgb.srgbEncode(Math.max(0, Math.min(1, v))));
        }
        return out;
    }

    private static int[] channels(int argb) {
        return new int[]{(argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff};
    }

    private static void assertColour(int argb, int r, int g, int b, int tolerance, String what) {
        int[] actual = channels(argb);
        int[] expected = {r, g, b};
        for (int c = 0; c < 3; c++) {
            assertThat(actual[c]).as(what + ": " + Arrays.toString(actual) + " for " + Arrays.toString(expected))
                    .isCloseTo(expected[c], org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    private static String size(EncodedImage thumbnail) {
        return thumbnail.width() + "x" + thumbnail.height();
    }

    static byte[] fixture(String name) {
        try (InputStream in = HeifSourcesTest.class.getResourceAsStream("heif/" + name)) {
            if (in == null) {
                throw new AssertionError("no fixture heif/" + name + " (made by heif/make-fixtures.sh)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage reference(String name) throws IOException {
        return ImageIO.read(new java.io.ByteArrayInputStream(fixture(name)));
    }

    private static byte[] ftyp(String major, String... compatible) {
        byte[] box = new byte[16 + 4 * compatible.length];
        box[3] = (byte) box.length;
        System.arraycopy("ftyp".getBytes(StandardCharsets.ISO_8859_1), 0, box, 4, 4);
        System.arraycopy(major.getBytes(StandardCharsets.ISO_8859_1), 0, box, 8, 4);
        for (int i = 0; i < compatible.length; i++) {
            System.arraycopy(compatible[i].getBytes(StandardCharsets.ISO_8859_1), 0, box, 16 + 4 * i, 4);
        }
        return box;
    }

    /** The file with its pitm box (version 0: a 16-bit item id) naming {@code to} instead of {@code from}. */
    private static byte[] withPrimaryItem(byte[] file, int from, int to) {
        byte[] pattern = {'p', 'i', 't', 'm', 0, 0, 0, 0, (byte) (from >> 8), (byte) from};
        for (int at = 0; at + pattern.length <= file.length; at++) {
            if (Arrays.equals(file, at, at + pattern.length, pattern, 0, pattern.length)) {
                byte[] copy = file.clone();
                copy[at + 8] = (byte) (to >> 8);
                copy[at + 9] = (byte) to;
                return copy;
            }
        }
        throw new AssertionError("no pitm box naming item " + from);
    }

    /** The file with its one ispe box of {@code w}x{@code h} declaring another size. */
    private static byte[] withIspe(byte[] file, int w, int h, int newW, int newH) {
        byte[] pattern = java.nio.ByteBuffer.allocate(16).put("ispe".getBytes(StandardCharsets.ISO_8859_1))
                .putInt(0).putInt(w).putInt(h).array();
        for (int at = 0; at + pattern.length <= file.length; at++) {
            if (Arrays.equals(file, at, at + pattern.length, pattern, 0, pattern.length)) {
                byte[] copy = file.clone();
                java.nio.ByteBuffer.wrap(copy, at + 8, 8).putInt(newW).putInt(newH);
                return copy;
            }
        }
        throw new AssertionError("no " + w + "x" + h + " ispe box");
    }
}
