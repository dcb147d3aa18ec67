package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Optional;

import static io.thumbctl.image.Renderers.box;
import static io.thumbctl.image.Renderers.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A thumbnail made from a progressive JPEG's first bytes, up to the end of its DC scans, is the
 * thumbnail of the whole file: same size, and pixels close to the whole file's decoded by another
 * path (ImageIO's reader, every scan, scaled by AWT's area averaging). Anything else asks for the
 * whole object. PNG output, so that a JPEG encoding's own noise does not hide a difference.
 */
class DcScanThumbnailTest {

    /**
     * Mean and 99th-percentile per-channel difference allowed, of 255, between the DC-scan thumbnail
     * and the other path's (measured on these files: 2.0-3.3 mean, 16-22 at the 99th percentile, the
     * two resize filters' own difference at edges; red and blue swapped in libjpeg-turbo's output,
     * which the DC and all-scan paths share, gives 6.5-37 and 40-150).
     */
    private static final double MEAN_TOLERANCE = 4.5;
    private static final int P99_TOLERANCE = 32;

    private static final ThumbnailRenderer RENDERER = Renderers.DEFAULT;

    /** 3.8 MP: at a 128 px box, 1/8 scale applies. */
    private static final byte[] PHOTO = ProgressiveJpegs.progressive(ProgressiveJpegs.photo(2400, 1600));

    @BeforeAll
    static void nativeLibrary() {
        assumeTrue(RENDERER.nativeJpegAvailable(), "libturbojpeg is not bundled for this platform");
    }

    @Test
    void generatedProgressivePhoto_sameThumbnailAsTheWholeFile() throws Exception {
        assertSameThumbnail(PHOTO, box(128, 128, OutputFormat.PNG));
    }

    @Test
    void realPhotoWrittenProgressive_sameThumbnailAsTheWholeFile() throws Exception {
        byte[] jpeg = ProgressiveJpegs.progressive(ProblemImages.resource("exif/Landscape_1.jpg"));

        assertSameThumbnail(jpeg, box(96, 96, OutputFormat.PNG)); // 1800x1200: 96 px is where 1/8 scale applies
    }

    @Test
    void realProgressiveFile_sameThumbnailAsTheWholeFile() throws Exception {
        byte[] jpeg = ProblemImages.resource("jpeg/jfif-progressive-invalid-dht.jpg"); // 719x994

        assertSameThumbnail(jpeg, box(32, 32, OutputFormat.PNG));
    }

    @Test
    void restartIntervals_sameThumbnailAsTheWholeFile() throws Exception {
        byte[] jpeg = ProgressiveJpegs.progressiveWithRestarts(ProgressiveJpegs.photo(1600, 1200), 3);

        assertSameThumbnail(jpeg, box(96, 96, OutputFormat.PNG));
    }

    @Test
    void exifOrientation_isAppliedFromThePrefix() throws Exception {
        byte[] jpeg = ProblemImages.withExifOrientation(PHOTO, 6);

        EncodedImage thumbnail = fromPrefix(jpeg, box(128, 128)).orElseThrow();

        assertThat(thumbnail.decodePath()).isEqualTo(DecodePath.TURBOJPEG_DC);
        assertThat(new int[]{thumbnail.width(), thumbnail.height()}).containsExactly(85, 128);
    }

    @Test
    void pixelLimit_isCheckedFromTheFrameHeaderInThePrefix() {
        ThumbnailSpec limited = new ThumbnailSpec(128, 128, io.thumbctl.config.OutputFormat.SAME, 2_000_000L, 0.85f);

        assertThatThrownBy(() -> fromPrefix(PHOTO, limited))
                .isInstanceOf(ImageException.class)
                .satisfies(e -> assertThat(((ImageException) e).reason()).isEqualTo(ImageException.TOO_MANY_PIXELS));
    }

    @Test
    void boxTooLargeForOneEighthScale_needsTheWholeObject() throws Exception {
        byte[] jpeg = ProgressiveJpegs.progressive(ProgressiveJpegs.photo(800, 600));

        assertThat(fromPrefix(jpeg, box(128, 128))).isEmpty();
    }

    @Test
    void prefixEndingInsideTheDcScan_needsTheWholeObject() throws Exception {
        int end = dcEnd(PHOTO);

        assertThat(RENDERER.renderFromPrefix(Arrays.copyOf(PHOTO, end - 100), box(128, 128))).isEmpty();
        assertThat(RENDERER.renderFromPrefix(Arrays.copyOf(PHOTO, end), box(128, 128))).isEmpty();
    }

    @Test
    void wholeProgressiveFile_isDecodedFromItsDcScansOnly() throws Exception {
        ThumbnailSpec spec = box(128, 128, OutputFormat.PNG);

        EncodedImage fromWholeFile = RENDERER.render(PHOTO, spec);

        assertThat(fromWholeFile.decodePath()).isEqualTo(DecodePath.TURBOJPEG_DC);
        assertThat(fromWholeFile.bytes()).isEqualTo(fromPrefix(PHOTO, spec).orElseThrow().bytes());
    }

    @Test
    void wholeProgressiveFile_needingMoreThanOneEighthScale_decodesEveryScan() throws Exception {
        assertThat(RENDERER.render(PHOTO, box(1024, 1024)).decodePath()).isEqualTo(DecodePath.TURBOJPEG);
    }

    @Test
    void wholeBaselineFile_decodesAsBefore() throws Exception {
        assertThat(RENDERER.render(ProblemImages.jpeg(2400, 1600, false), box(128, 128)).decodePath())
                .isEqualTo(DecodePath.TURBOJPEG);
    }

    @Test
    void dcScanOfWholeFilesSwitchedOff_decodesEveryScan() throws Exception {
        ThumbnailRenderer switchedOff = Renderers.switchedOff(RenderSettings.DC_SCAN_DISABLED);

        assertThat(switchedOff.render(PHOTO, box(128, 128)).decodePath()).isEqualTo(DecodePath.TURBOJPEG);
    }

    @Test
    void baselineJpegAndPng_needTheWholeObject() throws Exception {
        assertThat(RENDERER.renderFromPrefix(ProblemImages.jpeg(2400, 1600, false), box(128, 128))).isEmpty();
        assertThat(RENDERER.renderFromPrefix(ProblemImages.write(
                ProblemImages.gradient(2400, 1600, BufferedImage.TYPE_INT_RGB), "png", false), box(128, 128))).isEmpty();
    }

    @Test
    void colourProfileOtherThanSrgb_needsTheWholeObject() throws Exception {
        byte[] jpeg = ProblemImages.resource(
                "jpeg/invalid-icc-duplicate-sequence-numbers-rgb-xerox-dc250-heavyweight-1-progressive-jfif.jpg");

        assertThat(RENDERER.renderFromPrefix(jpeg, box(128, 128))).isEmpty();
        assertThat(RENDERER.render(jpeg, box(128, 128)).decodePath()).isEqualTo(DecodePath.IMAGEIO);
    }

    @Test
    void withoutTheNativeLibrary_needsTheWholeObject() throws Exception {
        assertThat(Renderers.PURE_JAVA.renderFromPrefix(PHOTO, box(128, 128))).isEmpty();
    }

    /** Renders from the prefix a ranged read would fetch first. */
    private static Optional<EncodedImage> fromPrefix(byte[] jpeg, ThumbnailSpec spec) throws ImageException {
        int first = (int) ProgressivePrefix.firstRangeBytes(jpeg.length);
        return RENDERER.renderFromPrefix(Arrays.copyOf(jpeg, Math.max(first, dcEnd(jpeg) + 2)), spec);
    }

    private static int dcEnd(byte[] jpeg) {
        return ((ProgressivePrefix.Complete) ProgressivePrefix.inspect(jpeg)).end();
    }

    /**
     * The DC-scan thumbnail against one made by another path altogether: the whole file decoded by
     * ImageIO's JPEG reader (TwelveMonkeys), every scan at full size, then scaled to the same size by
     * AWT's area averaging. Neither libjpeg-turbo nor the function's downscaler is on that path, so a
     * fault they share (in the scaled decode, the colour conversion, the resize or the encoder) shows.
     */
    private static void assertSameThumbnail(byte[] jpeg, ThumbnailSpec spec) throws Exception {
        int end = dcEnd(jpeg);
        assertThat(end).isLessThan(jpeg.length / 2);

        EncodedImage dc = RENDERER.renderFromPrefix(Arrays.copyOf(jpeg, end + 2), spec).orElseThrow();

        assertThat(dc.decodePath()).isEqualTo(DecodePath.TURBOJPEG_DC);
        assertThat(dc.contentType()).isEqualTo("image/png");
        BufferedImage b = read(dc);
        BufferedImage a = fullDecodeScaled(jpeg, b.getWidth(), b.getHeight());
        int[] differences = new int[3 * a.getWidth() * a.getHeight()];
        int i = 0;
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
                    differences[i++] = d;
                    sum += d;
                }
            }
        }
        Arrays.sort(differences);
        double mean = (double) sum / differences.length;
        int p99 = differences[differences.length * 99 / 100];
        assertThat(mean).as("mean difference").isLessThan(MEAN_TOLERANCE);
        assertThat(p99).as("99th percentile of the differences").isLessThan(P99_TOLERANCE);
    }

    /** The whole file through ImageIO's JPEG reader, then AWT's area averaging to {@code width} x {@code height}. */
    private static BufferedImage fullDecodeScaled(byte[] jpeg, int width, int height) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        assertThat(reader.getClass().getName()).as("TwelveMonkeys' reader").startsWith("com.twelvemonkeys.");
        BufferedImage full;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            full = reader.read(0);
        } finally {
            reader.dispose();
        }
        Image scaled = full.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(scaled, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
