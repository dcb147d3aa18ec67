package io.thumbctl.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.thumbctl.image.Renderers.box;
import static io.thumbctl.image.Renderers.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given a photo stored turned or mirrored with EXIF orientation 1-8, the thumbnail stands upright.
 * The generated photos carry two markers (red at the upright top-left, green at the upright
 * top-right), painted where each orientation stores them, so mirror images are told apart too.
 */
class OrientationTest {

    private static final int W = 600;
    private static final int H = 400;

    /** Where red and green sit in the stored pixels for each tag, worked out from the EXIF definitions. */
    private static final Corner[][] STORED = {
            {Corner.TOP_LEFT, Corner.TOP_RIGHT},       // 1 as is
            {Corner.TOP_RIGHT, Corner.TOP_LEFT},       // 2 mirrored left-right
            {Corner.BOTTOM_RIGHT, Corner.BOTTOM_LEFT}, // 3 turned 180
            {Corner.BOTTOM_LEFT, Corner.BOTTOM_RIGHT}, // 4 mirrored top-bottom
            {Corner.TOP_LEFT, Corner.BOTTOM_LEFT},     // 5 transposed
            {Corner.BOTTOM_LEFT, Corner.TOP_LEFT},     // 6 stored turned 90 counter-clockwise
            {Corner.BOTTOM_RIGHT, Corner.TOP_RIGHT},   // 7 transversed
            {Corner.TOP_RIGHT, Corner.BOTTOM_RIGHT},   // 8 stored turned 90 clockwise
    };

    enum Corner { TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT }

    static Stream<Arguments> tagsOnBothPaths() {
        List<Arguments> list = new ArrayList<>();
        Renderers.both().forEach(r -> {
            for (int tag = 1; tag <= 8; tag++) {
                list.add(Arguments.of(tag, r.get()[0], r.get()[1]));
            }
        });
        return list.stream();
    }

    @ParameterizedTest(name = "orientation {0} on {1}")
    @MethodSource("tagsOnBothPaths")
    void exifOrientation_thumbnailStandsUpright(int tag, DecodePath path, ThumbnailRenderer renderer) throws Exception {
        byte[] photo = ProblemImages.withExifOrientation(storedPhoto(tag), tag);

        EncodedImage thumbnail = renderer.render(photo, box(150, 150));

        assertThat(thumbnail.decodePath()).isEqualTo(path);
        BufferedImage out = read(thumbnail);
        assertThat(new int[]{out.getWidth(), out.getHeight()}).containsExactly(150, 100);
        assertThat(dominant(out.getRGB(out.getWidth() / 8, out.getHeight() / 8))).as("top-left").isEqualTo("red");
        assertThat(dominant(out.getRGB(out.getWidth() * 7 / 8, out.getHeight() / 8))).as("top-right").isEqualTo("green");
        assertThat(dominant(out.getRGB(out.getWidth() / 2, out.getHeight() * 7 / 8))).as("bottom").isEqualTo("blue");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void realExifRotatedPhotos_landscapeStaysLandscapeAndPortraitPortrait(int tag) throws Exception {
        BufferedImage landscape = read(Renderers.DEFAULT.render(
                ProblemImages.resource("exif/Landscape_" + tag + ".jpg"), box(128, 128)));
        BufferedImage portrait = read(Renderers.DEFAULT.render(
                ProblemImages.resource("exif/Portrait_" + tag + ".jpg"), box(128, 128)));

        assertThat(landscape.getWidth()).isEqualTo(128).isGreaterThan(landscape.getHeight());
        assertThat(portrait.getHeight()).isEqualTo(128).isGreaterThan(portrait.getWidth());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6, 8})
    void orientationTag_isNotCarriedIntoTheThumbnail(int tag) throws Exception {
        byte[] source = ProblemImages.resource("exif/Landscape_" + tag + ".jpg");
        assertThat(Orientation.read(source)).as("the source's own tag is read").isEqualTo(Orientation.fromTag(tag));

        EncodedImage thumbnail = Renderers.DEFAULT.render(source, box(128, 128));

        assertThat(Orientation.read(thumbnail.bytes())).isEqualTo(Orientation.NORMAL);
        assertThat(hasExifSegment(thumbnail.bytes())).as("an EXIF segment in the thumbnail").isFalse();
    }

    /** The metadata reader itself, on every tag, in a JPEG (APP1) and in a PNG (eXIf). */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationTag_isReadFromJpegAndPng(int tag) {
        byte[] jpeg = ProblemImages.withExifOrientation(ProblemImages.jpeg(60, 40, false), tag);
        byte[] png = ProblemImages.withPngChunk(
                ProblemImages.write(ProblemImages.gradient(60, 40, BufferedImage.TYPE_INT_RGB), "png", false),
                "eXIf", ProblemImages.tiffWithOrientation(tag));

        assertThat(SourceMetadata.read(jpeg).orientation()).isEqualTo(Orientation.values()[tag - 1]);
        assertThat(SourceMetadata.read(png).orientation()).isEqualTo(Orientation.values()[tag - 1]);
    }

    @org.junit.jupiter.api.Test
    void pngWithExifChunk_isTurnedUpright() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.gradient(300, 200, BufferedImage.TYPE_INT_RGB), "png", false);
        byte[] rotated = ProblemImages.withPngChunk(png, "eXIf", ProblemImages.tiffWithOrientation(6));

        EncodedImage thumbnail = Renderers.DEFAULT.render(rotated, box(128, 128));

        assertThat(new int[]{thumbnail.width(), thumbnail.height()}).containsExactly(85, 128);
    }

    /** Whether a JPEG has an APP1 segment holding EXIF, read from its markers (not through metadata-extractor). */
    private static boolean hasExifSegment(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xff && (jpeg[pos + 1] & 0xff) != 0xda) {
            int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
            if ((jpeg[pos + 1] & 0xff) == 0xe1 && pos + 8 <= jpeg.length
                    && new String(jpeg, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("Exif")) {
                return true;
            }
            pos += 2 + length;
        }
        return false;
    }

    /** The upright 600x400 picture, stored the way orientation {@code tag} says. */
    private static byte[] storedPhoto(int tag) {
        boolean swapped = tag >= 5;
        int w = swapped ? H : W;
        int h = swapped ? W : H;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, w, h);
        paint(g, STORED[tag - 1][0], Color.RED, w, h);
        paint(g, STORED[tag - 1][1], Color.GREEN, w, h);
        g.dispose();
        return ProblemImages.write(image, "jpeg", false);
    }

    private static void paint(Graphics2D g, Corner corner, Color color, int w, int h) {
        int bw = w / 3;
        int bh = h / 3;
        int x = corner == Corner.TOP_LEFT || corner == Corner.BOTTOM_LEFT ? 0 : w - bw;
        int y = corner == Corner.TOP_LEFT || corner == Corner.TOP_RIGHT ? 0 : h - bh;
        g.setColor(color);
        g.fillRect(x, y, bw, bh);
    }

    private static String dominant(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return r > g && r > b ? "red" : g > r && g > b ? "green" : "blue";
    }
}
