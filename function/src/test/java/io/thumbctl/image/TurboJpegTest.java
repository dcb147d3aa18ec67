package io.thumbctl.image;

import org.junit.jupiter.api.Test;

import static io.thumbctl.image.Renderers.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The native JPEG path: when it loads, what it takes, what it hands to the Java path. */
class TurboJpegTest {

    @Test
    void bundledLibrary_loadsOnLinuxX86AndArm() {
        assumeTrue(TurboJpeg.platformFolder().isPresent(), "no libturbojpeg is bundled for "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));

        assertThat(TurboJpeg.instance()).as("bundled libturbojpeg loads").isPresent();
        assertThat(Renderers.DEFAULT.nativeJpegAvailable()).isTrue();
    }

    @Test
    void pureJavaRenderer_neverTakesTheNativePath() throws Exception {
        assertThat(Renderers.PURE_JAVA.nativeJpegAvailable()).isFalse();
        assertThat(Renderers.PURE_JAVA.render(ProblemImages.jpeg(800, 600, false), box(128, 128)).decodePath())
                .isEqualTo(DecodePath.IMAGEIO);
    }

    @Test
    void cmykJpeg_isHandedToTheJavaPath() throws Exception {
        assumeTrue(Renderers.DEFAULT.nativeJpegAvailable(), "libturbojpeg not available here");
        TurboJpegDecoder decoder = new TurboJpegDecoder(TurboJpeg.instance().orElseThrow());

        assertThat(decoder.decode(ProblemImages.resource("jpeg/cmyk-sample.jpg"),
                new DecodeRequest(100_000_000L, 128, 128))).isEmpty();
    }

    @Test
    void nonSrgbIccProfile_goesTheJavaPathSoItIsConverted() throws Exception {
        assumeTrue(Renderers.DEFAULT.nativeJpegAvailable(), "libturbojpeg not available here");
        byte[] adobeRgb = ProblemImages.resource("jpeg/cmm-exception-adobe-rgb.jpg");

        assertThat(SourceMetadata.read(adobeRgb).foreignColorProfile()).isTrue();
        assertThat(Renderers.DEFAULT.render(adobeRgb, box(64, 64)).decodePath()).isEqualTo(DecodePath.IMAGEIO);
    }

    @Test
    void srgbIccProfile_staysOnTheNativePath() throws Exception {
        assumeTrue(Renderers.DEFAULT.nativeJpegAvailable(), "libturbojpeg not available here");
        byte[] srgb = ProblemImages.resource("jpeg/srgb-exif-no-ifd1.jpg");

        assertThat(SourceMetadata.read(srgb).foreignColorProfile()).isFalse();
        assertThat(Renderers.DEFAULT.render(srgb, box(64, 64)).decodePath()).isEqualTo(DecodePath.TURBOJPEG);
    }

    @Test
    void largeJpeg_isDecodedAtAReducedDctScaleOfAtLeastTwiceTheBox() throws Exception {
        assumeTrue(Renderers.DEFAULT.nativeJpegAvailable(), "libturbojpeg not available here");
        TurboJpegDecoder decoder = new TurboJpegDecoder(TurboJpeg.instance().orElseThrow());

        Decoded decoded = decoder.decode(ProblemImages.jpeg(4000, 3000, false), new DecodeRequest(100_000_000L, 128, 128))
                .orElseThrow();

        assertThat(decoded.sourceWidth()).isEqualTo(4000);
        assertThat(decoded.image().getWidth()).isEqualTo(500); // 1/8: 500x375 >= 256x192
        assertThat(decoded.image().getHeight()).isEqualTo(375);
        assertThat(decoded.path()).isEqualTo(DecodePath.TURBOJPEG);
        assertThat(decoded.image().getType()).as("imgscalr's fast path").isEqualTo(java.awt.image.BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void dctScale_isTheSmallestEighthThatKeepsTheMinimum() {
        assertThat(TurboJpegDecoder.eighths(4000, 3000, 256, 192)).isEqualTo(1);
        assertThat(TurboJpegDecoder.eighths(1000, 800, 256, 205)).isEqualTo(3); // 375x300
        assertThat(TurboJpegDecoder.eighths(300, 200, 256, 171)).isEqualTo(7);
        assertThat(TurboJpegDecoder.eighths(100, 100, 256, 256)).isEqualTo(8);
    }
}
