package io.thumbctl.testing;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/** How far apart two renderings of one picture are, for tests that compare against a reference decode. */
public final class ImageDifference {

    private ImageDifference() {
    }

    /** Mean absolute difference per colour channel (0: identical, 255: opposite) of two same-size images; alpha ignored. */
    public static double mean(BufferedImage expected, BufferedImage actual) {
        assertThat(actual.getWidth() + "x" + actual.getHeight()).as("size")
                .isEqualTo(expected.getWidth() + "x" + expected.getHeight());
        long sum = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int e = expected.getRGB(x, y);
                int a = actual.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((e >> shift & 0xff) - (a >> shift & 0xff));
                }
            }
        }
        return (double) sum / (3L * expected.getWidth() * expected.getHeight());
    }
}
