package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static io.thumbctl.image.Renderers.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Given a broken or hostile file, the renderer answers quickly with the thumbnail or the
 * permanent reason expected for that very file, and never crashes.
 */
class BrokenAndHostileFilesTest {

    @Test
    void pngClaiming100000x100000_isRejectedFromItsHeaderInWellUnderASecond() {
        byte[] bomb = ProblemImages.pngClaiming(100_000, 100_000);

        ImageException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> expectFailure(Renderers.DEFAULT, bomb));

        assertThat(e.reason()).isEqualTo(ImageException.TOO_MANY_PIXELS);
        assertThat(e.getMessage()).contains("100000x100000");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.thumbctl.image.Renderers#both")
    void jpegClaiming65000x65000_isRejectedFromItsHeader(DecodePath path, ThumbnailRenderer renderer) {
        ImageException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> expectFailure(renderer, ProblemImages.jpegClaiming(65_000, 65_000)));

        assertThat(e.reason()).isEqualTo(ImageException.TOO_MANY_PIXELS);
    }

    @Test
    void maxPixels_isTakenFromTheSpec() {
        ThumbnailSpec strict = new ThumbnailSpec(128, 128, OutputFormat.SAME, 1_000_000L, 0.85f);

        assertThatThrownBy(() -> Renderers.DEFAULT.render(ProblemImages.jpeg(1200, 1000, false), strict))
                .isInstanceOf(ImageException.class)
                .extracting(e -> ((ImageException) e).reason()).isEqualTo(ImageException.TOO_MANY_PIXELS);
    }

    @Test
    void pngWithACompressedTextBomb_isThumbnailedWithoutInflatingIt() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.halfTransparent(300, 200), "png", false);
        byte[] bomb = ProblemImages.withPngChunk(png, "zTXt", ProblemImages.zTxtBomb(256));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

        long before = threads.getCurrentThreadAllocatedBytes();
        SourceMetadata metadata = SourceMetadata.read(bomb);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(metadata.orientation()).isEqualTo(Orientation.NORMAL);
        assertThat(allocated).as("bytes allocated reading the metadata").isLessThan(16L << 20);
        assertThat(Renderers.DEFAULT.render(bomb, box(128, 128)).contentType()).isEqualTo("image/png");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.thumbctl.image.Renderers#both")
    void truncatedJpeg_isCorrupt(DecodePath path, ThumbnailRenderer renderer) {
        byte[] cut = ProblemImages.truncated(ProblemImages.resource("exif/Landscape_1.jpg"), 0.6);

        assertThat(expectFailure(renderer, cut).reason()).isEqualTo(ImageException.CORRUPT);
    }

    @Test
    void truncatedPng_isCorrupt() {
        byte[] png = ProblemImages.write(ProblemImages.gradient(600, 400, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", false);

        ImageException e = expectFailure(Renderers.DEFAULT, ProblemImages.truncated(png, 0.7));

        assertThat(e.reason()).isEqualTo(ImageException.CORRUPT);
        assertThat(e.getMessage()).contains("truncated");
    }

    @Test
    void pngWithCrcError_isCorrupt() {
        byte[] png = ProblemImages.write(ProblemImages.gradient(600, 400, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", false);
        png[png.length / 2] ^= 0x55; // inside IDAT: the zlib stream may still inflate, the CRC cannot match

        ImageException e = expectFailure(Renderers.DEFAULT, png);

        assertThat(e.reason()).isEqualTo(ImageException.CORRUPT);
        assertThat(e.getMessage()).contains("CRC");
    }

    @Test
    void junkBeforeTheJpeg_isAPermanentFailure() {
        byte[] junk = "<html>not really an image</html>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        ImageException e = expectFailure(Renderers.DEFAULT,
                ProblemImages.prepended(junk, ProblemImages.resource("exif/Landscape_1.jpg")));

        assertThat(e.reason()).isEqualTo(ImageException.UNSUPPORTED_FORMAT);
    }

    @ParameterizedTest(name = "\"{0}\" gives {1}")
    @CsvSource(delimiter = '|', value = {
            "|unsupported-format",
            "GIF89a|corrupt", // a GIF signature and nothing after it
            "plain text, named photo.jpg|unsupported-format"})
    void notAnImageAtAll_failsPermanentlyWithItsReason(String content, String reason) {
        byte[] bytes = (content == null ? "" : content).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(expectFailure(Renderers.DEFAULT, bytes).reason()).isEqualTo(reason);
        assertThat(expectFailure(Renderers.PURE_JAVA, bytes).reason()).isEqualTo(reason);
    }

    /**
     * Real broken files, each with what each path makes of it: a thumbnail of the given size
     * (TwelveMonkeys and libjpeg-turbo repair many broken encoders' output) or the exact reason.
     * The paths differ where libjpeg-turbo reads what ImageIO refuses.
     */
    @ParameterizedTest(name = "{0}: default {1}, pure Java {2}")
    @CsvSource(delimiter = '|', value = {
            "broken-jpeg/broken-adobe-marker-bad-length.jpg|corrupt|corrupt",
            "broken-jpeg/514b20dc-02a8-11e7-92c6-d4fed7b4ebb1.jpg|corrupt|corrupt",
            "broken-jpeg/broken-no-sof-ascii-transfer-mode.jpg|corrupt|corrupt",
            "broken-jpeg/broken-bogus-segment-length.jpg|49x64|corrupt",
            "broken-jpeg/broken-invalid-adobe-ycc-gray.jpg|2x64|2x64",
            "broken-jpeg/516c2778-02a8-11e7-9d50-e916ce831200.jpg|corrupt|corrupt",
            "broken-jpeg/515e763c-02a8-11e7-85fb-573b41201f05.jpg|corrupt|corrupt",
            "broken-jpeg/51432b02-02a8-11e7-9203-b42b1c43c0c3.jpg|corrupt|corrupt",
            "broken-jpeg/broken-adobe-segment-length-beyond-eof.jpg|corrupt|corrupt",
            "broken-jpeg/broken-bogus-data-prepended-real-jfif-start-at-4801.jpg|corrupt|corrupt",
            "broken-jpeg/5145e95a-02a8-11e7-8372-4787a7307ab8.jpg|corrupt|corrupt",
            "broken-jpeg/broken-sos-before-sof.jpg|corrupt|corrupt",
            "broken-jpeg/514c48ea-02a8-11e7-8789-bb75321f404f.jpg|corrupt|corrupt",
            "broken-jpeg/110115680-6d6dce80-7d84-11eb-99df-4cb21df3b09f.jpeg|corrupt|corrupt",
            "jpeg/read-error1024.jpg|64x36|64x36",
            "jpeg/read-error1025.jpg|64x36|64x36",
            "jpeg/eof-sos-segment-bug.jpg|43x64|43x64",
            "jpeg/jfif-progressive-invalid-dht.jpg|46x64|46x64",
            "jpeg/progressive-adobe-sof-bands-dont-match-sos-band-count.jpg|60x60|60x60",
            "jpeg/duplicate-component-ids.jpg|64x42|64x42",
            "jpeg/jfif-component-id-out-of-range.jpg|44x64|44x64",
            "webp/very_short.webp|61x64|61x64",
            "webp/bug3.webp|64x64|64x64"})
    void realBrokenFiles_giveTheirThumbnailOrTheirReason(String file, String byDefault, String byPureJava) {
        byte[] bytes = ProblemImages.resource(file);
        // Where libturbojpeg does not load, the default renderer is the pure-Java one.
        String expected = Renderers.DEFAULT.nativeJpegAvailable() ? byDefault : byPureJava;

        assertThat(outcome(Renderers.DEFAULT, bytes)).isEqualTo(expected);
        assertThat(outcome(Renderers.PURE_JAVA, bytes)).isEqualTo(byPureJava);
    }

    /**
     * Random bytes flipped in real files: each comes out as a thumbnail that fits the box or fails
     * as {@code corrupt}, never anything else (an exception escaping the decoders, or a retryable
     * failure). A PNG with any flipped byte fails its chunk CRCs, so every fuzzed PNG is corrupt.
     */
    @Test
    void fuzzedFiles_giveAThumbnailOrFailAsCorrupt() {
        List<byte[]> seeds = List.of(ProblemImages.resource("exif/Portrait_6.jpg"),
                ProblemImages.jpeg(300, 200, true),
                ProblemImages.write(ProblemImages.halfTransparent(300, 200), "png", false),
                ProblemImages.write(ProblemImages.paletteWithTransparency(300, 200), "gif", false),
                ProblemImages.resource("bmpsuite/g/pal8.bmp"), ProblemImages.resource("webp/1.webp"));
        Random random = new Random(20261122L);
        for (byte[] seed : seeds) {
            boolean png = PngChunks.isPng(seed);
            for (int i = 0; i < 25; i++) {
                byte[] fuzzed = seed.clone();
                int flips = 1 + random.nextInt(20);
                for (int f = 0; f < flips; f++) {
                    // keep the first bytes so the format is still recognised and the decoder gets to work
                    fuzzed[16 + random.nextInt(fuzzed.length - 16)] = (byte) random.nextInt(256);
                }
                String outcome = outcome(Renderers.DEFAULT, fuzzed);
                if (png) {
                    assertThat(outcome).as("fuzzed PNG %d", i).isEqualTo(ImageException.CORRUPT);
                } else {
                    assertThat(outcome).as("fuzzed file %d", i).matches("corrupt|\\d+x\\d+");
                }
            }
        }
    }

    @Test
    void decodeSlowerThanTheTimeLimit_isARetryableRenderTimeoutAndReturnsPromptly() {
        ThumbnailRenderer impatient = new ThumbnailRenderer(RenderSettings.defaults().withNative(true).withTimeLimit(Duration.ofMillis(1)));
        byte[] big = ProblemImages.write(ProblemImages.gradient(3000, 2000, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", false);

        // Not corrupt: a legal image at the limits can take this long on a small CPU share.
        RetryableRenderException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> catchThrowableOfType(() -> impatient.render(big, box(128, 128)), RetryableRenderException.class));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(RetryableRenderException.TIMEOUT);
        assertThat(e.getMessage()).contains("longer than 1 ms");
    }

    /**
     * {@code WxH} for a thumbnail (which must fit the 64x64 box; small sources are not enlarged), else the permanent reason;
     * anything else (a retryable failure, an exception escaping the decoders) fails the test.
     */
    private static String outcome(ThumbnailRenderer renderer, byte[] bytes) {
        try {
            EncodedImage thumbnail = renderer.render(bytes, box(64, 64));
            assertThat(thumbnail.bytes()).isNotEmpty();
            assertThat(Math.max(thumbnail.width(), thumbnail.height())).isBetween(1, 64);
            return thumbnail.width() + "x" + thumbnail.height();
        } catch (ImageException e) {
            return e.reason();
        }
    }

    private static ImageException expectFailure(ThumbnailRenderer renderer, byte[] bytes) {
        try {
            EncodedImage thumbnail = renderer.render(bytes, box(128, 128));
            throw new AssertionError("expected a failure, got a " + thumbnail.width() + "x" + thumbnail.height()
                    + " thumbnail");
        } catch (ImageException e) {
            return e;
        }
    }
}
