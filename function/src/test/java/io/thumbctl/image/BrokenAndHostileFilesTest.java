package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.thumbctl.image.Renderers.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Given a broken or hostile file, the renderer answers with a permanent reason, quickly, and never crashes. */
class BrokenAndHostileFilesTest {

    private static final Set<String> PERMANENT = Set.of(ImageException.CORRUPT, ImageException.UNSUPPORTED_FORMAT,
            ImageException.TOO_MANY_PIXELS);

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

    @ParameterizedTest
    @ValueSource(strings = {"", "GIF89a", "plain text, named photo.jpg"})
    void notAnImageAtAll_isUnsupportedFormat(String content) {
        ImageException e = expectFailure(Renderers.DEFAULT, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(e.reason()).isIn(ImageException.UNSUPPORTED_FORMAT, ImageException.CORRUPT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "broken-jpeg/broken-adobe-marker-bad-length.jpg", "broken-jpeg/514b20dc-02a8-11e7-92c6-d4fed7b4ebb1.jpg",
            "broken-jpeg/broken-no-sof-ascii-transfer-mode.jpg", "broken-jpeg/broken-bogus-segment-length.jpg",
            "broken-jpeg/broken-invalid-adobe-ycc-gray.jpg", "broken-jpeg/516c2778-02a8-11e7-9d50-e916ce831200.jpg",
            "broken-jpeg/515e763c-02a8-11e7-85fb-573b41201f05.jpg", "broken-jpeg/51432b02-02a8-11e7-9203-b42b1c43c0c3.jpg",
            "broken-jpeg/broken-adobe-segment-length-beyond-eof.jpg",
            "broken-jpeg/broken-bogus-data-prepended-real-jfif-start-at-4801.jpg",
            "broken-jpeg/5145e95a-02a8-11e7-8372-4787a7307ab8.jpg", "broken-jpeg/broken-sos-before-sof.jpg",
            "broken-jpeg/514c48ea-02a8-11e7-8789-bb75321f404f.jpg",
            "broken-jpeg/110115680-6d6dce80-7d84-11eb-99df-4cb21df3b09f.jpeg",
            "jpeg/read-error1024.jpg", "jpeg/read-error1025.jpg", "jpeg/eof-sos-segment-bug.jpg",
            "jpeg/jfif-progressive-invalid-dht.jpg", "jpeg/progressive-adobe-sof-bands-dont-match-sos-band-count.jpg",
            "jpeg/duplicate-component-ids.jpg", "jpeg/jfif-component-id-out-of-range.jpg",
            "webp/very_short.webp", "webp/bug3.webp"})
    void realBrokenFiles_giveAThumbnailOrAPermanentReason(String file) {
        assertThumbnailOrPermanentFailure(Renderers.DEFAULT, ProblemImages.resource(file));
        assertThumbnailOrPermanentFailure(Renderers.PURE_JAVA, ProblemImages.resource(file));
    }

    @Test
    void fuzzedFiles_giveAThumbnailOrAPermanentReason() {
        List<byte[]> seeds = List.of(ProblemImages.resource("exif/Portrait_6.jpg"),
                ProblemImages.jpeg(300, 200, true),
                ProblemImages.write(ProblemImages.halfTransparent(300, 200), "png", false),
                ProblemImages.write(ProblemImages.paletteWithTransparency(300, 200), "gif", false),
                ProblemImages.resource("bmpsuite/g/pal8.bmp"), ProblemImages.resource("webp/1.webp"));
        Random random = new Random(20261122L);
        for (byte[] seed : seeds) {
            for (int i = 0; i < 25; i++) {
                byte[] fuzzed = seed.clone();
                int flips = 1 + random.nextInt(20);
                for (int f = 0; f < flips; f++) {
                    // keep the first bytes so the format is still recognised and the decoder gets to work
                    fuzzed[16 + random.nextInt(fuzzed.length - 16)] = (byte) random.nextInt(256);
                }
                assertThumbnailOrPermanentFailure(Renderers.DEFAULT, fuzzed);
            }
        }
    }

    @Test
    void decodeSlowerThanTheTimeLimit_isCorruptAndReturnsPromptly() {
        ThumbnailRenderer impatient = new ThumbnailRenderer(true, Duration.ofMillis(1));
        byte[] big = ProblemImages.write(ProblemImages.gradient(3000, 2000, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", false);

        ImageException e = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> expectFailure(impatient, big));

        assertThat(e.reason()).isEqualTo(ImageException.CORRUPT);
        assertThat(e.getMessage()).contains("longer than 1 ms");
    }

    private static void assertThumbnailOrPermanentFailure(ThumbnailRenderer renderer, byte[] bytes) {
        try {
            EncodedImage thumbnail = renderer.render(bytes, box(64, 64));
            assertThat(thumbnail.bytes()).isNotEmpty();
            assertThat(thumbnail.width()).isBetween(1, 64);
        } catch (ImageException e) {
            assertThat(e.reason()).isIn(PERMANENT);
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
