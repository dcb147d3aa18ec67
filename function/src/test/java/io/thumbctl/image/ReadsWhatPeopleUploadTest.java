package io.thumbctl.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Transparency;
import java.awt.image.BufferedImage;

import static io.thumbctl.image.ProblemImages.resource;
import static io.thumbctl.image.Renderers.box;
import static io.thumbctl.image.Renderers.read;
import static org.assertj.core.api.Assertions.assertThat;

/** Given the files people really upload, when rendered, then a right-sized sRGB thumbnail comes out. */
class ReadsWhatPeopleUploadTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.thumbctl.image.Renderers#both")
    void baselineJpeg_fitsTheBox(DecodePath path, ThumbnailRenderer renderer) throws Exception {
        EncodedImage thumbnail = renderer.render(ProblemImages.jpeg(1600, 1200, false), box(128, 128));

        assertThat(thumbnail.decodePath()).isEqualTo(path);
        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        assertThat(new int[]{thumbnail.width(), thumbnail.height()}).containsExactly(128, 96);
        BufferedImage out = read(thumbnail);
        assertThat(out.getWidth()).isEqualTo(128);
        assertThat(out.getHeight()).isEqualTo(96);
        assertThat(out.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.thumbctl.image.Renderers#both")
    void progressiveJpeg_fitsTheBox(DecodePath path, ThumbnailRenderer renderer) throws Exception {
        EncodedImage thumbnail = renderer.render(ProblemImages.jpeg(1200, 1600, true), box(128, 128));

        assertThat(thumbnail.decodePath()).isEqualTo(path);
        assertThat(new int[]{thumbnail.width(), thumbnail.height()}).containsExactly(96, 128);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jpeg/cmyk-sample.jpg",
            "jpeg/cmyk-sample-no-icc.jpg",
            "jpeg/cmyk-sample-multiple-chunk-icc.jpg",
            "jpeg/jfif-cmyk-invalid-icc-profile-srgb.jpg",
            "jpeg/warning-embedded-color-profile-invalid-ignored-cmyk.jpg",
            "jpeg/exif-jfif-app13-app14ycck-3channel.jpg",
            "jpeg/no-image-types-rgb-us-web-coated-v2-ms-photogallery-exif.jpg",
    })
    void cmykAndYcckJpeg_becomeSrgbJpegOnTheJavaPath(String file) throws Exception {
        EncodedImage thumbnail = Renderers.DEFAULT.render(resource(file), box(128, 128));

        assertThat(thumbnail.decodePath()).isEqualTo(DecodePath.IMAGEIO);
        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        BufferedImage out = read(thumbnail);
        assertThat(out.getColorModel().getNumComponents()).isEqualTo(3);
        assertThat(out.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
        assertThat(Math.max(out.getWidth(), out.getHeight())).isEqualTo(128);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jpeg/cmm-exception-adobe-rgb.jpg",
            "jpeg/cmm-exception-corbis-rgb.jpg",
            "jpeg/cmm-exception-srgb.jpg",
            "jpeg/cmm-exception-invalid-icc-profile-data.jpg",
            "jpeg/corrupted-icc-srgb.jpg",
            "jpeg/exif-empty-icc-profile.jpeg",
            "jpeg/cco-illegalargument-rgb-coated-fogra27.jpg",
            "jpeg/invalid-icc-duplicate-sequence-numbers-rgb-internal-kodak-srgb-jfif.jpg",
            "jpeg/invalid-icc-single-chunk-bad-sequence-number.jpg",
            "jpeg/invalid-icc-duplicate-sequence-numbers-rgb-xerox-dc250-heavyweight-1-progressive-jfif.jpg",
    })
    void jpegWithBrokenOrUnusualIccProfile_stillGetsAnSrgbThumbnail(String file) throws Exception {
        EncodedImage thumbnail = Renderers.DEFAULT.render(resource(file), box(128, 128));

        BufferedImage out = read(thumbnail);
        assertThat(out.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
        assertThat(Math.max(out.getWidth(), out.getHeight())).isEqualTo(128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg/gray-sample.jpg", "jpeg/jfif-grayscale-thumbnail.jpg"})
    void grayscaleJpeg_isThumbnailed(String file) throws Exception {
        EncodedImage thumbnail = Renderers.DEFAULT.render(resource(file), box(128, 128));

        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        assertThat(Math.max(read(thumbnail).getWidth(), read(thumbnail).getHeight())).isEqualTo(128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg/exif-rgb-thumbnail-sony-d700.jpg", "jpeg/jfif-jfif-and-exif-thumbnail-sharpshot-iphone.jpg",
            "jpeg/jfif-with-preview-as-second-image.jpg", "jpeg/no-jfif-ycbcr.jpg", "jpeg/jfif-padded-segments.jpg",
            "jpeg/0x00-to-0xFF-between-segments.jpg", "jpeg/jfif-16bit-dqt.jpg", "jpeg/adobe-unknown-rgb-ids.jpg"})
    void unusualButValidJpeg_isThumbnailed(String file) throws Exception {
        EncodedImage thumbnail = Renderers.DEFAULT.render(resource(file), box(128, 128));

        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        assertThat(read(thumbnail).getColorModel().hasAlpha()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void rgbaPng_keepsItsTransparency() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.halfTransparent(400, 300), "png", false);

        EncodedImage thumbnail = Renderers.DEFAULT.render(png, box(128, 128));

        assertThat(thumbnail.contentType()).isEqualTo("image/png");
        assertTransparentRightHalf(read(thumbnail), 128, 96);
    }

    @org.junit.jupiter.api.Test
    void palettePngWithTransparentEntry_keepsItsTransparency() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.paletteWithTransparency(400, 300), "png", false);

        assertTransparentRightHalf(read(Renderers.DEFAULT.render(png, box(128, 128))), 128, 96);
    }

    @org.junit.jupiter.api.Test
    void grayAlphaPng_keepsItsTransparency() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.grayAlpha(400, 300), "png", false);

        assertTransparentRightHalf(read(Renderers.DEFAULT.render(png, box(128, 128))), 128, 96);
    }

    @org.junit.jupiter.api.Test
    void interlacedPng_isThumbnailed() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.halfTransparent(400, 300), "png", true);

        assertTransparentRightHalf(read(Renderers.DEFAULT.render(png, box(128, 128))), 128, 96);
    }

    @org.junit.jupiter.api.Test
    void sixteenBitPng_becomesAnEightBitSrgbThumbnail() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.rgb16(400, 300), "png", false);

        BufferedImage out = read(Renderers.DEFAULT.render(png, box(128, 128)));

        assertThat(out.getWidth()).isEqualTo(128);
        assertThat(out.getColorModel().getComponentSize(0)).isEqualTo(8);
        assertThat(out.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void gifWithTransparency_staysGifAndKeepsIt() throws Exception {
        byte[] gif = ProblemImages.write(ProblemImages.paletteWithTransparency(400, 300), "gif", false);

        EncodedImage thumbnail = Renderers.DEFAULT.render(gif, box(128, 128));

        assertThat(thumbnail.contentType()).isEqualTo("image/gif");
        assertTransparentRightHalf(read(thumbnail), 128, 96);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bmpsuite/g/rgb24.bmp", "bmpsuite/g/pal8.bmp", "bmpsuite/g/pal4rle.bmp",
            "bmpsuite/g/rgb16-565.bmp", "bmpsuite/g/rgb32bf.bmp", "os2/money-24bit-os2.bmp"})
    void bmp_becomesPng(String file) throws Exception {
        EncodedImage thumbnail = Renderers.DEFAULT.render(resource(file), box(32, 32));

        assertThat(thumbnail.contentType()).isEqualTo("image/png");
        assertThat(Math.max(read(thumbnail).getWidth(), read(thumbnail).getHeight())).isEqualTo(32);
    }

    @ParameterizedTest
    @ValueSource(strings = {"webp/1.webp", "webp/2_webp_ll.webp", "webp/5.webp"})
    void webp_becomesPng(String file) throws Exception {
        EncodedImage thumbnail = Renderers.DEFAULT.render(resource(file), box(128, 128));

        assertThat(thumbnail.contentType()).isEqualTo("image/png");
        assertThat(Math.max(read(thumbnail).getWidth(), read(thumbnail).getHeight())).isEqualTo(128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"webp/1_webp_a.webp", "webp/2_webp_a.webp"})
    void webpWithAlpha_becomesPngWithAlpha(String file) throws Exception {
        BufferedImage out = read(Renderers.DEFAULT.render(resource(file), box(128, 128)));

        assertThat(out.getColorModel().getTransparency()).isNotEqualTo(Transparency.OPAQUE);
    }

    static void assertTransparentRightHalf(BufferedImage out, int width, int height) {
        assertThat(out.getWidth()).isEqualTo(width);
        assertThat(out.getHeight()).isEqualTo(height);
        assertThat(out.getColorModel().getTransparency()).isNotEqualTo(Transparency.OPAQUE);
        assertThat(out.getRGB(width - 4, height / 2) >>> 24).as("alpha on the right").isZero();
        assertThat(out.getRGB(4, height / 2) >>> 24).as("alpha on the left").isEqualTo(255);
    }
}
