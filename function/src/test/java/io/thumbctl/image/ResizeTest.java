package io.thumbctl.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

class ResizeTest {

    /** One-pixel black and white stripes: any downscale that skips pixels shows bands, not grey. */
    static BufferedImage stripes(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            int rgb = x % 2 == 0 ? 0x000000 : 0xffffff;
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    @ParameterizedTest
    @CsvSource({"512,512,128,128", "480,300,128,80", "300,300,128,128", "1000,400,128,51"})
    void finestDetail_averagesToGrey_insteadOfAliasing(int w, int h, int boxW, int boxH) {
        BufferedImage small = HalvingDownscaler.downscale(stripes(w, h), BoxFit.of(w, h, boxW, boxH));

        assertThat(small.getWidth()).isEqualTo(boxW);
        assertThat(small.getHeight()).isEqualTo(boxH);
        for (int x = 1; x < small.getWidth() - 1; x++) {
            int grey = small.getRGB(x, small.getHeight() / 2) & 0xff;
            assertThat(grey).as("column %d", x).isBetween(117, 138);
        }
    }
}
