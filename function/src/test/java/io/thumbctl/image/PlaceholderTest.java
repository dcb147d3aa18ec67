package io.thumbctl.image;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlaceholderTest {

    @Test
    void solidImage_colourIsExactlyItsColour() {
        Placeholder placeholder = Placeholder.of(filled(640, 480, BufferedImage.TYPE_INT_RGB, new Color(0x3C, 0x7A, 0xB4)));

        assertThat(placeholder.color()).isEqualTo("#3c7ab4");
    }

    @Test
    void twoColourImage_colourIsTheMeanWorkedByHand() {
        // Top half (200, 100, 0), bottom half (0, 50, 250): (100, 75, 125) = #644b7d.
        BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 100, 0));
        g.fillRect(0, 0, 1600, 600);
        g.setColor(new Color(0, 50, 250));
        g.fillRect(0, 600, 1600, 600);
        g.dispose();

        assertThat(Placeholder.of(image).color()).isEqualTo("#644b7d");
    }

    @Test
    void oneQuarterWhite_colourRoundsHalfUp() {
        // 3 black pixels and 1 of (255, 254, 2): 63.75, 63.5, 0.5 -> 64, 64, 1.
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xFFFE02);

        assertThat(Placeholder.of(image).color()).isEqualTo("#404001");
    }

    @Test
    void transparentPixels_countForNothingWhateverTheyHide() {
        // Left half opaque red, right half fully transparent green.
        BufferedImage image = new BufferedImage(100, 40, BufferedImage.TYPE_INT_ARGB);
        fill(image, 0, 50, 0xFFFF0000);
        fill(image, 50, 100, 0x0000FF00);

        Placeholder placeholder = Placeholder.of(image);

        assertThat(placeholder.color()).isEqualTo("#ff0000");
        assertThat(hash(placeholder)[2] & 0x80).as("hasAlpha").isNotZero();
    }

    @Test
    void translucentPixels_countByTheirAlpha() {
        // Opaque red and blue at alpha 85 (1/3), half each: red 255 / (4/3) = 191.25 -> 191,
        // blue 85 / (4/3) = 63.75 -> 64.
        BufferedImage image = new BufferedImage(100, 40, BufferedImage.TYPE_INT_ARGB);
        fill(image, 0, 50, 0xFFFF0000);
        fill(image, 50, 100, 0x550000FF);

        assertThat(Placeholder.of(image).color()).isEqualTo("#bf0040");
    }

    @Test
    void whollyTransparentImage_isBlack() {
        BufferedImage image = new BufferedImage(30, 30, BufferedImage.TYPE_INT_ARGB);
        fill(image, 0, 30, 0x00FFFFFF);

        assertThat(Placeholder.of(image).color()).isEqualTo("#000000");
    }

    @Test
    void opaqueImage_hashHasNoAlpha() {
        assertThat(hash(Placeholder.of(filled(300, 200, BufferedImage.TYPE_INT_ARGB, Color.ORANGE)))[2] & 0x80)
                .isZero();
    }

    @Test
    void thumbhash_isStandardBase64WithPadding() {
        // With alpha and square: 25 bytes, which base64 pads with "==".
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_ARGB);
        fill(image, 0, 100, 0xFF336699);

        String thumbhash = Placeholder.of(image).thumbhash();

        assertThat(thumbhash).matches("[A-Za-z0-9+/]+={0,2}").endsWith("==");
        assertThat(thumbhash.length() % 4).isZero();
        byte[] bytes = Base64.getDecoder().decode(thumbhash);
        assertThat(bytes).hasSize(25);
        assertThat(Base64.getEncoder().encodeToString(bytes)).isEqualTo(thumbhash);
    }

    @Test
    void largeLandscape_isDownscaledAndKeepsItsShapeAndColour() {
        BufferedImage image = filled(1600, 900, BufferedImage.TYPE_3BYTE_BGR, new Color(0xE0, 0x60, 0x20));

        Placeholder placeholder = Placeholder.of(image);

        byte[] hash = hash(placeholder);
        assertThat(ThumbHash.approximateAspectRatio(hash)).isCloseTo(16 / 9f, within(0.2f));
        float[] average = ThumbHash.averageColor(hash);
        assertThat(average[0] * 255).isCloseTo(0xE0, within(8f));
        assertThat(average[1] * 255).isCloseTo(0x60, within(8f));
        assertThat(average[2] * 255).isCloseTo(0x20, within(8f));
        assertThat(placeholder.color()).isEqualTo("#e06020");
    }

    @Test
    void largeGradient_keepsItsDirectionThroughTheDownscale() {
        BufferedImage image = new BufferedImage(900, 1600, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 900; x++) {
            int v = x * 255 / 899;
            fill(image, x, x + 1, v << 16 | v << 8 | v);
        }

        BufferedImage decoded = ThumbHash.decode(hash(Placeholder.of(image)));

        assertThat(decoded.getHeight()).isEqualTo(32);
        int mid = decoded.getHeight() / 2;
        assertThat(decoded.getRGB(1, mid) & 0xFF).isLessThan(60);
        assertThat(decoded.getRGB(decoded.getWidth() - 2, mid) & 0xFF).isGreaterThan(195);
    }

    @Test
    void everyImageType_givesTheSameColourAndHash() {
        // Two colours, left and right, drawn into each type; Java2D draws gray as the same level.
        Placeholder reference = Placeholder.of(twoColours(BufferedImage.TYPE_INT_RGB));
        for (int type : new int[] {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_ARGB_PRE,
                BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_4BYTE_ABGR_PRE, BufferedImage.TYPE_USHORT_565_RGB}) {
            assertThat(Placeholder.of(twoColours(type))).as("type %d", type).isEqualTo(reference);
        }
    }

    @Test
    void grayImages_areReadAsTheirLevelsLikeTheThumbnails() {
        // getRGB would turn gray 128 into 188 (Java2D calls 8-bit gray linear); drawing copies 128.
        Placeholder rgb = Placeholder.of(filled(50, 50, BufferedImage.TYPE_INT_RGB, new Color(128, 128, 128)));

        BufferedImage gray8 = new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY);
        gray8.getRaster().setSamples(0, 0, 50, 50, 0, filledSamples(2500, 128));
        BufferedImage gray16 = new BufferedImage(50, 50, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSamples(0, 0, 50, 50, 0, filledSamples(2500, 128 * 257));

        assertThat(Placeholder.of(gray8)).isEqualTo(rgb);
        assertThat(Placeholder.of(gray16)).isEqualTo(rgb);
        assertThat(rgb.color()).isEqualTo("#808080");
    }

    @Test
    void subimage_isReadAsItsOwnPixels() {
        // The subimage shares the parent's array at an offset: a wrong offset reads the frame.
        BufferedImage parent = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        fill(parent, 0, 300, 0xFFFFFF);
        Graphics2D g = parent.createGraphics();
        g.setColor(new Color(10, 20, 30));
        g.fillRect(100, 120, 80, 60);
        g.dispose();
        BufferedImage bytes = new BufferedImage(300, 300, BufferedImage.TYPE_3BYTE_BGR);
        bytes.createGraphics().drawImage(parent, 0, 0, null);

        assertThat(Placeholder.of(parent.getSubimage(100, 120, 80, 60)).color()).isEqualTo("#0a141e");
        assertThat(Placeholder.of(bytes.getSubimage(100, 120, 80, 60)).color()).isEqualTo("#0a141e");
    }

    @Test
    void onePixelImage_works() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xABCDEF);

        Placeholder placeholder = Placeholder.of(image);

        assertThat(placeholder.color()).isEqualTo("#abcdef");
        assertThat(ThumbHash.decode(hash(placeholder)).getWidth()).isEqualTo(32);
    }

    private static byte[] hash(Placeholder placeholder) {
        return Base64.getDecoder().decode(placeholder.thumbhash());
    }

    private static BufferedImage filled(int w, int h, int type, Color colour) {
        BufferedImage image = new BufferedImage(w, h, type);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    private static BufferedImage twoColours(int type) {
        BufferedImage image = new BufferedImage(240, 160, type);
        Graphics2D g = image.createGraphics();
        // Colours 565 keeps exactly (multiples of 8, green of 4, extended by repeating the top bits).
        g.setColor(new Color(0xFF, 0x00, 0x00));
        g.fillRect(0, 0, 80, 160);
        g.setColor(new Color(0x00, 0x00, 0xFF));
        g.fillRect(80, 0, 160, 160);
        g.dispose();
        return image;
    }

    /** Sets columns [x0, x1) of every row to {@code argb}. */
    private static void fill(BufferedImage image, int x0, int x1, int argb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                image.setRGB(x, y, argb);
            }
        }
    }

    private static int[] filledSamples(int n, int value) {
        int[] samples = new int[n];
        java.util.Arrays.fill(samples, value);
        return samples;
    }
}
