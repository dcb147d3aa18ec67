package io.thumbctl.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.jpeg.JpegCommentDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import io.thumbctl.config.OutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;

import static io.thumbctl.image.Renderers.box;
import static io.thumbctl.image.Renderers.read;
import static org.assertj.core.api.Assertions.assertThat;

/** What the written thumbnail carries: format, content type, alpha, and no source metadata. */
class OutputTest {

    @ParameterizedTest
    @ValueSource(strings = {"jpeg/jfif-jfif-and-exif-thumbnail-sharpshot-iphone.jpg",
            "jpeg/jfif-exif-xmp-adobe-progressive-negative-component-count.jpg",
            "jpeg/exif-rgb-thumbnail-sony-d700.jpg", "jpeg/cmyk-sample-multiple-chunk-icc.jpg", "exif/Landscape_6.jpg"})
    void sourceMetadata_isNotCarriedOver(String file) throws Exception {
        Metadata source = metadata(ProblemImages.resource(file));
        assertThat(source.getDirectoriesOfType(ExifIFD0Directory.class).iterator().hasNext()
                || source.getDirectoriesOfType(XmpDirectory.class).iterator().hasNext()
                || source.getDirectoriesOfType(IccDirectory.class).iterator().hasNext())
                .as("the source has metadata to lose").isTrue();

        Metadata out = metadata(Renderers.DEFAULT.render(ProblemImages.resource(file), box(128, 128)).bytes());

        assertThat(out.getDirectoriesOfType(ExifIFD0Directory.class)).isEmpty();
        assertThat(out.getDirectoriesOfType(ExifSubIFDDirectory.class)).isEmpty();
        assertThat(out.getDirectoriesOfType(GpsDirectory.class)).isEmpty();
        assertThat(out.getDirectoriesOfType(XmpDirectory.class)).isEmpty();
        assertThat(out.getDirectoriesOfType(JpegCommentDirectory.class)).isEmpty();
        assertThat(out.getDirectoriesOfType(IccDirectory.class)).as("untagged means sRGB").isEmpty();
    }

    @Test
    void transparentPng_asJpegFormat_hasNoAlpha() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.halfTransparent(400, 300), "png", false);

        EncodedImage thumbnail = Renderers.DEFAULT.render(png, box(128, 128, OutputFormat.JPEG));

        assertThat(thumbnail.type()).isEqualTo(ImageType.JPEG);
        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        assertThat(read(thumbnail).getColorModel().hasAlpha()).isFalse();
        assertThat(read(thumbnail).getColorModel().getNumComponents()).isEqualTo(3);
    }

    @Test
    void jpeg_asPngFormat_isPng() throws Exception {
        EncodedImage thumbnail = Renderers.DEFAULT.render(ProblemImages.jpeg(800, 600, false),
                box(128, 128, OutputFormat.PNG));

        assertThat(thumbnail.contentType()).isEqualTo("image/png");
        assertThat(PngChunks.isPng(thumbnail.bytes())).isTrue();
    }

    @Test
    void gif_asPngFormat_keepsTransparency() throws Exception {
        byte[] gif = ProblemImages.write(ProblemImages.paletteWithTransparency(400, 300), "gif", false);

        EncodedImage thumbnail = Renderers.DEFAULT.render(gif, box(128, 128, OutputFormat.PNG));

        assertThat(thumbnail.contentType()).isEqualTo("image/png");
        ReadsWhatPeopleUploadTest.assertTransparentRightHalf(read(thumbnail), 128, 96);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.thumbctl.image.Renderers#both")
    void jpegQuality_isHonouredByBothEncoders(DecodePath path, ThumbnailRenderer renderer) throws Exception {
        byte[] photo = ProblemImages.resource("exif/Landscape_1.jpg");

        byte[] low = renderer.render(photo, new ThumbnailSpec(256, 256, OutputFormat.SAME, 100_000_000L, 0.3f)).bytes();
        byte[] high = renderer.render(photo, new ThumbnailSpec(256, 256, OutputFormat.SAME, 100_000_000L, 0.95f)).bytes();

        assertThat(high.length).isGreaterThan(low.length * 3 / 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.thumbctl.image.Renderers#both")
    void jpegOutput_isBaselineJfifWithoutAlphaOrMetadata(DecodePath path, ThumbnailRenderer renderer) throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.halfTransparent(400, 300), "png", false);

        EncodedImage thumbnail = renderer.render(png, box(128, 128, OutputFormat.JPEG));

        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        assertThat(read(thumbnail).getColorModel().hasAlpha()).isFalse();
        Metadata out = metadata(thumbnail.bytes());
        assertThat(out.getDirectoriesOfType(ExifIFD0Directory.class)).isEmpty();
        assertThat(out.getDirectoriesOfType(IccDirectory.class)).isEmpty();
        assertThat(out.getDirectoriesOfType(JpegCommentDirectory.class)).isEmpty();
    }

    @Test
    void smallImage_isNeverEnlarged() throws Exception {
        EncodedImage thumbnail = Renderers.DEFAULT.render(ProblemImages.jpeg(40, 30, false), box(128, 128));

        assertThat(new int[]{thumbnail.width(), thumbnail.height()}).containsExactly(40, 30);
    }

    private static Metadata metadata(byte[] bytes) throws Exception {
        return ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
    }
}
