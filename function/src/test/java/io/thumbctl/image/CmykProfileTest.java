package io.thumbctl.image;

import io.thumbctl.testing.ImageDifference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static io.thumbctl.image.Renderers.box;
import static io.thumbctl.image.Renderers.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given a CMYK or YCCK JPEG whose embedded profile is not a usable CMYK profile (an sRGB or gray
 * profile, as some tools embed), its thumbnail has the colours of the same file without a profile,
 * and a file without a profile is converted through a default CMYK profile: a navy patch stays
 * navy, as libvips shows it, not the bright blue of the naive conversion.
 */
class CmykProfileTest {

    /** Ink of a navy patch: C 100%, M 78%, Y 0%, K 39%. */
    private static final int[] NAVY_INK = {255, 200, 0, 100};
    /** What libvips 8.14 (its default CMYK profile) makes of that patch. */
    private static final int[] LIBVIPS_NAVY = {26, 53, 105};

    @ParameterizedTest(name = "ycck={0}")
    @ValueSource(booleans = {false, true})
    void navyCmykWithoutProfile_isNavyNotBrightBlue(boolean ycck) throws Exception {
        int[] rgb = centre(Renderers.DEFAULT.render(cmykJpeg(NAVY_INK, ycck), box(64, 64)));

        // The naive conversion gives (0, 34, 155).
        assertThat(rgb[2]).as("blue").isLessThan(130);
        for (int c = 0; c < 3; c++) {
            assertThat(rgb[c]).as("channel " + c + " of " + java.util.Arrays.toString(rgb))
                    .isBetween(LIBVIPS_NAVY[c] - 30, LIBVIPS_NAVY[c] + 30);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cmyk+srgb", "cmyk+gray", "ycck+srgb", "ycck+gray"})
    void cmykWithANonCmykProfile_looksLikeTheSameFileWithoutProfile(String variant) throws Exception {
        boolean ycck = variant.startsWith("ycck");
        int space = variant.endsWith("gray") ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB;
        byte[] plain = cmykJpeg(NAVY_INK, ycck);
        byte[] mislabelled = withIccProfile(plain, ICC_Profile.getInstance(space).getData());

        int[] expected = centre(Renderers.DEFAULT.render(plain, box(64, 64)));
        int[] actual = centre(Renderers.DEFAULT.render(mislabelled, box(64, 64)));

        for (int c = 0; c < 3; c++) {
            assertThat(actual[c]).as("channel " + c).isBetween(expected[c] - 2, expected[c] + 2);
        }
    }

    @Test
    void realCmykFileWithAnSrgbProfile_looksLikeItsCopyWithoutProfile() throws Exception {
        byte[] file = ProblemImages.resource("jpeg/jfif-cmyk-invalid-icc-profile-srgb.jpg");

        BufferedImage withProfile = read(Renderers.DEFAULT.render(file, box(128, 128)));
        BufferedImage without = read(Renderers.DEFAULT.render(withoutIccProfile(file), box(128, 128)));

        assertThat(ImageDifference.mean(withProfile, without)).isLessThan(1.0);
    }

    @Test
    void cmykFileWithItsOwnCmykProfile_isConvertedThroughIt() throws Exception {
        byte[] file = ProblemImages.resource("jpeg/cmyk-sample-custom-icc-bright.jpg");

        BufferedImage own = read(Renderers.DEFAULT.render(file, box(128, 128)));
        BufferedImage fallback = read(Renderers.DEFAULT.render(withoutIccProfile(file), box(128, 128)));

        assertThat(ImageDifference.mean(own, fallback)).as("the file's profile changes the colours").isGreaterThan(10.0);
    }

    /** A 256x256 patch of one CMYK ink, as Adobe writes it (inverted samples, APP14 marker). */
    static byte[] cmykJpeg(int[] ink, boolean ycck) {
        int[] stored = new int[4];
        if (ycck) {
            // YCCK keeps C, M, Y as if they were R, G, B in YCbCr (JFIF), and K inverted.
            double r = ink[0];
            double g = ink[1];
            double b = ink[2];
            stored[0] = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            stored[1] = (int) Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
            stored[2] = (int) Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        } else {
            for (int c = 0; c < 3; c++) {
                stored[c] = 255 - ink[c];
            }
        }
        stored[3] = 255 - ink[3];
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 256, 256, 4, null);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                raster.setPixel(x, y, stored);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.write(null, new IIOImage(raster, null, null), param); // a raster: written as is
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        // APP14 "Adobe": version 100, no flags, transform 0 (CMYK) or 2 (YCCK)
        byte[] adobe = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
                (byte) (ycck ? 2 : 0)};
        return insertAfterSoi(out.toByteArray(), adobe);
    }

    /** The JPEG with an ICC profile in one APP2 segment right after SOI. */
    static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
        byte[] marker = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + marker.length + 2 + profile.length;
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.write(0xff);
        segment.write(0xe2);
        segment.write(length >> 8);
        segment.write(length & 0xff);
        segment.writeBytes(marker);
        segment.write(1);
        segment.write(1);
        segment.writeBytes(profile);
        return insertAfterSoi(jpeg, segment.toByteArray());
    }

    /** The JPEG without its APP2 ICC_PROFILE segments. */
    static byte[] withoutIccProfile(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int pos = 2;
        while ((jpeg[pos] & 0xff) == 0xff && (jpeg[pos + 1] & 0xff) != 0xda) {
            int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
            boolean icc = (jpeg[pos + 1] & 0xff) == 0xe2
                    && new String(jpeg, pos + 4, 11, StandardCharsets.ISO_8859_1).equals("ICC_PROFILE");
            if (!icc) {
                out.write(jpeg, pos, 2 + length);
            }
            pos += 2 + length;
        }
        out.write(jpeg, pos, jpeg.length - pos);
        return out.toByteArray();
    }

    private static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(segment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static int[] centre(EncodedImage thumbnail) {
        BufferedImage image = read(thumbnail);
        int rgb = image.getRGB(image.getWidth() / 2, image.getHeight() / 2);
        return new int[]{(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
    }

}
