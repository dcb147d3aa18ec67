package io.thumbctl.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.function.IntBinaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The known vectors are worked out by hand from the published format (header fields, nibble
 * order, lengths); the round trips decode our own hashes and compare what comes back with the
 * source, region by region.
 */
class ThumbHashTest {

    // --- known vectors ---

    @Test
    void solidWhiteSquare_isTheWhiteHeaderAndNoVariation() {
        // L = 1 -> 63; P = Q = 0 -> 31.5 + 0 -> 32; L's AC scale 0 (its AC terms are float noise,
        // which the nibbles hold but a zero scale silences); P and Q exactly 0: nibbles 0.
        // Opaque square: L keeps 7x7 (27 AC), P and Q 3x3 (5 AC each): 37 nibbles, 19 bytes.
        // header24 = 63 | 32 << 6 | 32 << 12 = 0x02083F; header16 = lx = 7.
        byte[] hash = ThumbHash.encode(8, 8, solid(8, 8, 0xFFFFFFFF));

        assertThat(hash).hasSize(24).startsWith((byte) 0x3F, (byte) 0x08, (byte) 0x02, (byte) 0x07, (byte) 0x00);
        for (int i = 27; i < 37; i++) {
            assertThat(nibble(hash, i)).as("P/Q nibble %d", i - 27).isZero();
        }
        BufferedImage decoded = ThumbHash.decode(hash);
        // Near white: P = Q = 0 is stored as 32, which reads back as 32 / 31.5 - 1 = +0.016.
        assertClose(decoded.getRGB(0, 0), 0xFFFFFFFF, 4);
        assertClose(decoded.getRGB(31, 17), 0xFFFFFFFF, 4);
    }

    @Test
    void solidPrimaries_eachLandInTheirOwnHeaderFields() {
        // L = 1/3 -> 21 for each. P = (r+g)/2 - b: red 0.5 -> 47, green 0.5 -> 47, blue -1 -> 0.
        // Q = r - g: red 1 -> 63, green -1 -> 0, blue 0 -> 32. A swapped channel moves these.
        assertThat(fields(ThumbHash.encode(4, 4, solid(4, 4, 0xFFFF0000)))).containsExactly(21, 47, 63);
        assertThat(fields(ThumbHash.encode(4, 4, solid(4, 4, 0xFF00FF00)))).containsExactly(21, 47, 0);
        assertThat(fields(ThumbHash.encode(4, 4, solid(4, 4, 0xFF0000FF)))).containsExactly(21, 0, 32);
    }

    @Test
    void solidTranslucentColour_hasTheAlphaByteAndFiveByFiveLuminance() {
        // Alpha 153 = 0.6 everywhere: alpha flag (bit 23), alpha byte 0.6 * 15 = 9 with scale 0,
        // L limited to 5x5 (14 AC), P and Q 5 each, alpha 5x5 (14): 38 nibbles = 19 bytes, so 25.
        byte[] hash = ThumbHash.encode(10, 10, solid(10, 10, 0x99FF0000));

        assertThat(hash).hasSize(25);
        assertThat(hash[2] & 0x80).isNotZero();
        assertThat(hash[3] & 7).isEqualTo(5);
        assertThat(hash[5]).isEqualTo((byte) 9);
        assertThat(fields(hash)).containsExactly(21, 47, 63); // the colour itself, not faded
    }

    @Test
    void horizontalCosine_isTheFirstLuminanceCoefficientAlone() {
        // Gray 0.4 + 0.25 cos(pi (x + 0.5) / w): the DCT puts 0.25 * mean(cos^2) = 0.125 in L(1,0)
        // and (up to 8-bit rounding) nothing elsewhere, so L's scale is 0.125 (31 * 0.125 -> 4),
        // the first L nibble 0.5 + 0.5 = 1 -> 15 and every other L nibble 0.5 -> 7.5, 7 or 8.
        byte[] hash = ThumbHash.encode(100, 100, pattern(100, 100,
                (x, y) -> gray(0.4 + 0.25 * Math.cos(Math.PI * (x + 0.5) / 100))));

        int header24 = (hash[0] & 0xFF) | (hash[1] & 0xFF) << 8 | (hash[2] & 0xFF) << 16;
        assertThat(header24 & 63).isEqualTo(25); // 0.4 * 63
        assertThat(header24 >> 18 & 31).isEqualTo(4);
        assertThat(nibble(hash, 0)).isEqualTo(15);
        for (int i = 1; i < 27; i++) {
            assertThat(nibble(hash, i)).as("L nibble %d", i).isBetween(7, 8);
        }
    }

    @Test
    void verticalCosine_isTheFirstCoefficientOfTheSecondRow() {
        // Row cy = 0 holds cx = 1..6 (nibbles 0-5); (0, 1) is nibble 6. Minus the cosine: 0.
        byte[] hash = ThumbHash.encode(100, 100, pattern(100, 100,
                (x, y) -> gray(0.4 - 0.25 * Math.cos(Math.PI * (y + 0.5) / 100))));

        assertThat(nibble(hash, 6)).isZero();
        for (int i = 0; i < 27; i++) {
            if (i != 6) {
                assertThat(nibble(hash, i)).as("L nibble %d", i).isBetween(7, 8);
            }
        }
    }

    @Test
    void landscape_keepsFourLuminanceRowsAndTheLandscapeFlag() {
        // 100x50: lx = 7, ly = round(3.5) = 4; header16 keeps ly and sets bit 15.
        byte[] hash = ThumbHash.encode(100, 50, solid(100, 50, 0xFF336699));

        assertThat(hash[3] & 7).isEqualTo(4);
        assertThat(hash[4] & 0x80).isNotZero();
        assertThat(ThumbHash.approximateAspectRatio(hash)).isEqualTo(7 / 4f);
    }

    // --- round trips ---

    @Test
    void solidColours_decodeToThemselves() {
        for (int rgb : new int[] {0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0x3C7AB4, 0xE0C090}) {
            BufferedImage decoded = ThumbHash.decode(ThumbHash.encode(20, 20, solid(20, 20, 0xFF000000 | rgb)));

            for (int[] pixel : new int[][] {{0, 0}, {16, 16}, {31, 31}}) {
                assertClose(decoded.getRGB(pixel[0], pixel[1]), 0xFF000000 | rgb, 10);
            }
        }
    }

    @Test
    void averageColor_isTheSourceAverage() {
        float[] average = ThumbHash.averageColor(ThumbHash.encode(20, 20, solid(20, 20, 0xFF3C7AB4)));

        assertThat(average[0] * 255).isCloseTo(0x3C, within(8f));
        assertThat(average[1] * 255).isCloseTo(0x7A, within(8f));
        assertThat(average[2] * 255).isCloseTo(0xB4, within(8f));
        assertThat(average[3]).isEqualTo(1f);
    }

    @Test
    void horizontalGradient_keepsItsDirectionAndContrast() {
        // Black at the left to white at the right, constant down the columns.
        int[] source = pattern(100, 100, (x, y) -> gray(x / 99.0));

        BufferedImage decoded = ThumbHash.decode(ThumbHash.encode(100, 100, source));

        assertThat(decoded.getWidth()).isEqualTo(32);
        assertThat(decoded.getHeight()).isEqualTo(32);
        double left = meanLevel(decoded, 0, 0, 8, 32);
        double right = meanLevel(decoded, 24, 0, 32, 32);
        // The quarters of the source average 12.5% and 87.5% gray.
        assertThat(left).isCloseTo(0.125 * 255, within(20.0));
        assertThat(right).isCloseTo(0.875 * 255, within(20.0));
        // Stays horizontal. Not exactly: a zero AC term is stored as nibble 8 of 0..15 (7.5
        // rounded), so each comes back as 1/15 of the channel's scale.
        assertThat(meanLevel(decoded, 0, 0, 32, 8)).isCloseTo(meanLevel(decoded, 0, 24, 32, 32), within(30.0));
    }

    @Test
    void verticalGradient_keepsItsDirection() {
        BufferedImage decoded = ThumbHash.decode(ThumbHash.encode(100, 100, pattern(100, 100, (x, y) -> gray(y / 99.0))));

        assertThat(meanLevel(decoded, 0, 0, 32, 8)).isLessThan(meanLevel(decoded, 0, 24, 32, 32) - 150);
        assertThat(meanLevel(decoded, 0, 0, 8, 32)).isCloseTo(meanLevel(decoded, 24, 0, 32, 32), within(30.0));
    }

    @Test
    void redToBlueGradient_keepsItsColoursWhereTheyWere() {
        // Exercises P and Q's own AC terms: red fades out to the right while blue fades in.
        BufferedImage decoded = ThumbHash.decode(ThumbHash.encode(100, 60, pattern(100, 60,
                (x, y) -> 0xFF000000 | (255 - x * 255 / 99) << 16 | (x * 255 / 99))));

        int left = decoded.getRGB(2, decoded.getHeight() / 2);
        int right = decoded.getRGB(29, decoded.getHeight() / 2);
        assertThat(red(left)).isGreaterThan(blue(left) + 100);
        assertThat(blue(right)).isGreaterThan(red(right) + 100);
        assertThat(green(left)).isLessThan(60);
        assertThat(green(right)).isLessThan(60);
    }

    @Test
    void transparentHalf_isDetectedAndStaysWhereItWas() {
        // Opaque orange on the left, fully transparent (hiding green) on the right.
        int[] source = pattern(100, 100, (x, y) -> x < 50 ? 0xFFFF8000 : 0x0000FF00);

        byte[] hash = ThumbHash.encode(100, 100, source);
        BufferedImage decoded = ThumbHash.decode(hash);

        assertThat(hash[2] & 0x80).as("hasAlpha").isNotZero();
        assertThat(decoded.getColorModel().hasAlpha()).isTrue();
        assertThat(alpha(decoded.getRGB(2, 16))).isGreaterThan(200);
        assertThat(alpha(decoded.getRGB(29, 16))).isLessThan(55);
        // The hidden green does not leak into the colour.
        assertClose(decoded.getRGB(2, 16) | 0xFF000000, 0xFFFF8000, 40);
        assertThat(ThumbHash.averageColor(hash)[3]).isCloseTo(0.5f, within(0.07f));
    }

    @Test
    void opaqueImage_hasNoAlpha() {
        byte[] hash = ThumbHash.encode(100, 100, pattern(100, 100, (x, y) -> gray((x + y) / 198.0)));
        BufferedImage decoded = ThumbHash.decode(hash);

        assertThat(hash[2] & 0x80).as("hasAlpha").isZero();
        assertThat(ThumbHash.averageColor(hash)[3]).isEqualTo(1f);
        for (int y = 0; y < decoded.getHeight(); y++) {
            for (int x = 0; x < decoded.getWidth(); x++) {
                assertThat(alpha(decoded.getRGB(x, y))).isEqualTo(255);
            }
        }
    }

    @Test
    void landscapeAndPortrait_keepTheirAspectRatio() {
        byte[] landscape = ThumbHash.encode(100, 60, solid(100, 60, 0xFF808080));
        byte[] portrait = ThumbHash.encode(60, 100, solid(60, 100, 0xFF808080));

        assertThat(ThumbHash.approximateAspectRatio(landscape)).isCloseTo(100 / 60f, within(0.15f));
        assertThat(ThumbHash.approximateAspectRatio(portrait)).isCloseTo(60 / 100f, within(0.06f));
        BufferedImage wide = ThumbHash.decode(landscape);
        BufferedImage tall = ThumbHash.decode(portrait);
        assertThat(wide.getWidth()).isEqualTo(32);
        assertThat(wide.getHeight()).isBetween(18, 20);
        assertThat(tall.getWidth()).isBetween(18, 20);
        assertThat(tall.getHeight()).isEqualTo(32);
    }

    // --- misuse ---

    @Test
    void imageOverOneHundredPixels_isRefusedWithAHint() {
        assertThatThrownBy(() -> ThumbHash.encode(101, 50, new int[101 * 50]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("downscale first");
    }

    @Test
    void tooShortHash_isRefused() {
        assertThatThrownBy(() -> ThumbHash.decode(new byte[4])).isInstanceOf(IllegalArgumentException.class);
        byte[] truncated = java.util.Arrays.copyOf(ThumbHash.encode(8, 8, solid(8, 8, 0xFFFFFFFF)), 10);
        assertThatThrownBy(() -> ThumbHash.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers ---

    static int[] solid(int w, int h, int argb) {
        return pattern(w, h, (x, y) -> argb);
    }

    static int[] pattern(int w, int h, IntBinaryOperator argbAt) {
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = argbAt.applyAsInt(x, y);
            }
        }
        return argb;
    }

    private static int gray(double level) {
        int v = (int) Math.round(255 * level);
        return 0xFF000000 | v << 16 | v << 8 | v;
    }

    /** The header's L, P and Q averages. */
    private static int[] fields(byte[] hash) {
        int header24 = (hash[0] & 0xFF) | (hash[1] & 0xFF) << 8 | (hash[2] & 0xFF) << 16;
        return new int[] {header24 & 63, header24 >> 6 & 63, header24 >> 12 & 63};
    }

    /** The i-th AC nibble of an opaque hash (after the 5 header bytes), low nibble first. */
    private static int nibble(byte[] hash, int i) {
        return hash[5 + i / 2] >> (i % 2 * 4) & 15;
    }

    private static double meanLevel(BufferedImage image, int x0, int y0, int x1, int y1) {
        long sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = image.getRGB(x, y);
                sum += red(p) + green(p) + blue(p);
            }
        }
        return sum / 3.0 / ((x1 - x0) * (y1 - y0));
    }

    private static void assertClose(int actual, int expected, int tolerance) {
        assertThat(alpha(actual)).as("alpha").isCloseTo(alpha(expected), within(tolerance));
        assertThat(red(actual)).as("red of %08x", actual).isCloseTo(red(expected), within(tolerance));
        assertThat(green(actual)).as("green of %08x", actual).isCloseTo(green(expected), within(tolerance));
        assertThat(blue(actual)).as("blue of %08x", actual).isCloseTo(blue(expected), within(tolerance));
    }

    private static int alpha(int argb) {
        return argb >>> 24;
    }

    private static int red(int argb) {
        return argb >> 16 & 0xFF;
    }

    private static int green(int argb) {
        return argb >> 8 & 0xFF;
    }

    private static int blue(int argb) {
        return argb & 0xFF;
    }
}
