package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Transparency;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.thumbctl.image.Renderers.box;
import static io.thumbctl.image.Renderers.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fast PNG path against ImageIO on the same files, with either way to inflate (libdeflate at
 * once, the JDK's Inflater a block at a time): the same pixels where it applies, ImageIO where it
 * does not, and the same permanent reasons for broken files.
 */
class PngStreamTest {

    private static final ThumbnailRenderer IMAGEIO_ONLY = new ThumbnailRenderer(RenderSettings.defaults().withNative(true).withPngStream(false).withTimeLimit(Duration.ofSeconds(10)));
    private static final ThumbnailRenderer STREAM_ONLY = new ThumbnailRenderer(RenderSettings.defaults().withNative(false).withPngStream(true).withTimeLimit(Duration.ofSeconds(10)));
    private static final PngStreamDecoder STREAMING = new PngStreamDecoder(Optional.empty());
    private static final DecodeRequest WHOLE = new DecodeRequest(100_000_000L, 1 << 20, 1 << 20);

    /** Both ways to inflate where libdeflate loads (Linux x86_64/aarch64), the JDK's elsewhere. */
    static Stream<Arguments> decoders() {
        List<Arguments> list = new ArrayList<>();
        Libdeflate.instance().ifPresent(library ->
                list.add(Arguments.of(DecodePath.PNG_LIBDEFLATE, new PngStreamDecoder(Optional.of(library)))));
        list.add(Arguments.of(DecodePath.PNG_STREAM, STREAMING));
        return list.stream();
    }

    /** The path the default renderer takes for a PNG of a few megapixels. */
    static DecodePath smallPngPath() {
        return Libdeflate.instance().isPresent() ? DecodePath.PNG_LIBDEFLATE : DecodePath.PNG_STREAM;
    }

    @ParameterizedTest(name = "colour type {0}, {1} bits, {2}x{3}")
    @CsvSource({"2,8,37,23", "6,8,64,17", "0,8,33,9", "4,8,35,11", "3,8,40,12", "3,4,41,10", "3,2,43,7", "3,1,45,9",
            "6,8,1,5", "2,8,3,1"})
    void everyFilterAndChunking_givesImageIosPixels(int colorType, int bitDepth, int width, int height)
            throws Exception {
        int samples = colorType == 2 ? 3 : colorType == 6 ? 4 : colorType == 4 ? 2 : 1;
        int rowBytes = (width * samples * bitDepth + 7) / 8;
        PngFiles.Builder builder = new PngFiles.Builder(width, height, bitDepth, colorType,
                PngFiles.noisyRows(height, rowBytes, width * 1000L + colorType)).idatChunks(37);
        if (colorType == 3) {
            builder.chunk("PLTE", palette(1 << bitDepth)).chunk("tRNS", new byte[]{0, 64, (byte) 128});
        }
        byte[] png = builder.build();

        decoders().forEach(arguments -> {
            Decoded fast = decode((PngStreamDecoder) arguments.get()[1], png, WHOLE);

            assertThat(fast.path()).isEqualTo(arguments.get()[0]);
            assertSamePixels(fast.image(), TestImages.decode(png));
        });
    }

    @ParameterizedTest(name = "filter {0} on every row")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void oneFilterThroughout_givesImageIosPixels(int filter) {
        for (int colorType : new int[]{2, 6, 4}) {
            int samples = colorType == 2 ? 3 : colorType == 6 ? 4 : 2;
            byte[] png = new PngFiles.Builder(300, 40, 8, colorType, PngFiles.noisyRows(40, 300 * samples, filter))
                    .filters(y -> filter).idatChunks(1 << 20).build();

            decoders().forEach(arguments ->
                    assertSamePixels(decode((PngStreamDecoder) arguments.get()[1], png, WHOLE).image(), TestImages.decode(png)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exif/Landscape_1.jpg", "jpeg/cmyk-sample.jpg", "jpeg/gray-sample.jpg"})
    void realPhotoAsPng_getsTheThumbnailImageIoGives(String file) throws Exception {
        BufferedImage photo = TestImages.decode(ProblemImages.resource(file));
        for (BufferedImage variant : new BufferedImage[]{photo, withRadialAlpha(photo)}) {
            byte[] png = ProblemImages.write(variant, "png", false);

            EncodedImage fast = Renderers.DEFAULT.render(png, box(128, 128));
            EncodedImage slow = IMAGEIO_ONLY.render(png, box(128, 128));

            assertThat(fast.decodePath()).isEqualTo(smallPngPath());
            assertThat(slow.decodePath()).isEqualTo(DecodePath.IMAGEIO);
            assertThat(new int[]{fast.width(), fast.height()}).containsExactly(slow.width(), slow.height());
            assertThat(read(fast).getColorModel().hasAlpha()).isEqualTo(read(slow).getColorModel().hasAlpha());
            assertThat(meanDifference(read(fast), read(slow))).as(file).isLessThan(0.5);
        }
    }

    @Test
    void grayAlphaPng_keepsItsGrayLevels() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.grayAlpha(400, 300), "png", false);

        BufferedImage out = read(Renderers.DEFAULT.render(png, box(128, 128)));

        // Gray is gray: 0-127 across the opaque half, as in Pillow and browsers. (Read by ImageIO, gray
        // plus alpha is taken as linear light and brightened on the way to RGB: 64 becomes about 137.)
        int gray = out.getRGB(32, 48) & 0xff;
        assertThat(gray).isBetween(62, 66);
        assertThat(out.getRGB(32, 48) >>> 24).isEqualTo(255);
        ReadsWhatPeopleUploadTest.assertTransparentRightHalf(out, 128, 96);
    }

    @Test
    void paletteIndexBeyondThePalette_looksAsInImageIo() throws Exception {
        // 3 entries at 8 bits: ImageIO rounds the table up to 4 with black, then repeats entry 3
        byte[][] rows = new byte[4][8];
        for (int x = 0; x < 8; x++) {
            rows[0][x] = (byte) x;
            rows[1][x] = (byte) (200 + x);
            rows[2][x] = (byte) (x % 3);
            rows[3][x] = (byte) 255;
        }
        byte[] png = new PngFiles.Builder(8, 4, 8, 3, rows).chunk("PLTE", palette(3))
                .chunk("tRNS", new byte[]{(byte) 200, 0, 0, 0, 0}).build();

        decoders().forEach(arguments ->
                assertSamePixels(decode((PngStreamDecoder) arguments.get()[1], png, WHOLE).image(), TestImages.decode(png)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void reducedRead_keepsImageIosSamplingGrid(DecodePath path, PngStreamDecoder decoder) throws Exception {
        byte[] png = new PngFiles.Builder(1203, 805, 8, 6, PngFiles.noisyRows(805, 1203 * 4, 3)).build();
        DecodeRequest request = new DecodeRequest(100_000_000L, 64, 64);

        Decoded fast = decoder.decode(png, request).orElseThrow();
        Decoded slow = new ImageIoDecoder().decode(png, request, reader -> {
        });

        assertThat(fast.path()).isEqualTo(path);
        assertThat(fast.image().getWidth()).isEqualTo(301).isEqualTo(slow.image().getWidth());
        assertSamePixels(fast.image(), slow.image());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void pngOf100Megapixels_isReadInMemoryOfTheThumbnailsSize(DecodePath smallPath, PngStreamDecoder decoder)
            throws Exception {
        int width = 10_000;
        byte[] row = new byte[1 + 4 * width];
        for (int x = 0; x < width; x++) {
            row[1 + 4 * x] = (byte) 200;
            row[4 + 4 * x] = (byte) 255;
        }
        byte[] png = new PngFiles.Builder(width, 10_000, 8, 6, new byte[1][])
                .idatChunks(1 << 16).withImageData(PngFiles.zlibOfRepeats(row, 10_000));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long before = threads.getCurrentThreadAllocatedBytes();
        Decoded decoded = decoder.decode(png, new DecodeRequest(100_000_000L, 128, 128)).orElseThrow();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // 400 MB of RGBA pixels, far too many to inflate at once; kept: every 19th pixel of every 19th row
        assertThat(decoded.path()).isEqualTo(DecodePath.PNG_STREAM);
        assertThat(decoded.image().getWidth()).isEqualTo(527);
        assertThat(decoded.image().getRGB(300, 300)).isEqualTo(0xffc80000);
        assertThat(allocated).as("bytes allocated decoding it").isLessThan(8L << 20);
    }

    @Test
    void imageDataThatInflatesFarBeyondTheImage_isReadOnlyAsFarAsTheImage() throws Exception {
        byte[] png = new PngFiles.Builder(64, 64, 8, 2, new byte[1][])
                .withImageData(PngFiles.zlibOfRepeats(new byte[1 << 20], 64)); // 64 MB for an image of 12 KB

        EncodedImage thumbnail = Renderers.DEFAULT.render(png, box(32, 32));

        // libdeflate, where it loads, declines data that inflates to more than the image; the JDK reads on
        assertThat(thumbnail.decodePath()).isEqualTo(DecodePath.PNG_STREAM);
        assertThat(read(thumbnail).getRGB(5, 5)).isEqualTo(0xff000000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"16-bit", "interlaced", "4-bit gray", "RGB with tRNS", "gray with tRNS", "no PLTE"})
    void layoutsLeftToImageIo_areReadByImageIo(String layout) throws Exception {
        byte[] png = switch (layout) {
            case "16-bit" -> ProblemImages.write(ProblemImages.rgb16(200, 100), "png", false);
            case "interlaced" -> ProblemImages.write(ProblemImages.halfTransparent(200, 100), "png", true);
            case "4-bit gray" -> new PngFiles.Builder(200, 100, 4, 0, PngFiles.noisyRows(100, 100, 1)).build();
            case "RGB with tRNS" -> new PngFiles.Builder(200, 100, 8, 2, PngFiles.noisyRows(100, 600, 1))
                    .chunk("tRNS", new byte[]{0, 7, 0, 14, 0, 21}).build();
            case "gray with tRNS" -> new PngFiles.Builder(200, 100, 8, 0, PngFiles.noisyRows(100, 200, 1))
                    .chunk("tRNS", new byte[]{0, 7}).build();
            default -> new PngFiles.Builder(200, 100, 8, 3, PngFiles.noisyRows(100, 200, 1)).build();
        };

        decoders().forEach(arguments -> {
            try {
                assertThat(((PngStreamDecoder) arguments.get()[1]).decode(png, WHOLE)).isEmpty();
            } catch (ImageException e) {
                throw new AssertionError(e);
            }
        });
        if (!layout.equals("no PLTE")) {
            EncodedImage thumbnail = Renderers.DEFAULT.render(png, box(64, 64));
            assertThat(thumbnail.decodePath()).isEqualTo(DecodePath.IMAGEIO);
            assertThat(thumbnail.width()).isEqualTo(64);
        }
    }

    @Test
    void interlacedPng_keepsItsTransparencyThroughImageIo() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.halfTransparent(400, 300), "png", true);

        EncodedImage thumbnail = Renderers.DEFAULT.render(png, box(128, 128));

        assertThat(thumbnail.decodePath()).isEqualTo(DecodePath.IMAGEIO);
        ReadsWhatPeopleUploadTest.assertTransparentRightHalf(read(thumbnail), 128, 96);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"image data ends early", "unknown filter type", "broken deflate data",
            "image data split by another chunk"})
    void brokenImageData_isCorruptOnBothPaths(String damage) {
        PngFiles.Builder builder = new PngFiles.Builder(120, 80, 8, 2, PngFiles.noisyRows(80, 360, 9));
        byte[] zlib = PngFiles.zlib(builder.filtered(), 6);
        byte[] png = switch (damage) {
            case "image data ends early" -> builder.withImageData(Arrays.copyOf(zlib, zlib.length / 2));
            case "unknown filter type" -> builder.withImageData(PngFiles.zlib(withByte(builder.filtered(), 40 * 361, 7), 6));
            // the first half of the rows, then a deflate block of the reserved type 3
            case "broken deflate data" -> builder.withImageData(PngFiles.zlibPrefixThen(
                    Arrays.copyOf(builder.filtered(), 40 * 361), new byte[]{0x07, 0x00, 0x00}));
            default -> splitByAChunk(builder.idatChunks(zlib.length / 2 + 1).withImageData(zlib));
        };

        for (ThumbnailRenderer renderer : new ThumbnailRenderer[]{Renderers.DEFAULT, STREAM_ONLY, IMAGEIO_ONLY}) {
            assertThatThrownBy(() -> renderer.render(png, box(64, 64)))
                    .isInstanceOf(ImageException.class)
                    .extracting(e -> ((ImageException) e).reason()).isEqualTo(ImageException.CORRUPT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void interruptedThread_stopsDecoding(DecodePath path, PngStreamDecoder decoder) {
        byte[] png = new PngFiles.Builder(300, 200, 8, 2, PngFiles.noisyRows(200, 900, 2)).build();

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> decoder.decode(png, WHOLE))
                    .isInstanceOf(RetryableRenderException.class).hasMessageContaining("stopped")
                    .extracting(e -> ((RetryableRenderException) e).reason()).isEqualTo(RetryableRenderException.TIMEOUT);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void switchedOff_everyPngGoesThroughImageIo() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.halfTransparent(400, 300), "png", false);
        ThumbnailRenderer switchedOff = Renderers.switchedOff(RenderSettings.PNG_STREAM_DISABLED);

        assertThat(switchedOff.render(png, box(128, 128)).decodePath()).isEqualTo(DecodePath.IMAGEIO);
        assertThat(new ThumbnailRenderer(RenderSettings.fromEnvironment()).render(png, box(128, 128)).decodePath()).isEqualTo(smallPngPath());
    }

    @Test
    void pngAsJpegOutput_isOpaque() throws Exception {
        byte[] png = ProblemImages.write(ProblemImages.halfTransparent(400, 300), "png", false);

        EncodedImage thumbnail = Renderers.DEFAULT.render(png, box(128, 128, OutputFormat.JPEG));

        assertThat(thumbnail.decodePath()).isEqualTo(smallPngPath());
        assertThat(read(thumbnail).getTransparency()).isEqualTo(Transparency.OPAQUE);
    }

    /** Same size, same alpha-or-not, and the same samples (gray compared as its stored level). */
    private static void assertSamePixels(BufferedImage fast, BufferedImage imageIo) {
        assertThat(fast.getWidth()).isEqualTo(imageIo.getWidth());
        assertThat(fast.getHeight()).isEqualTo(imageIo.getHeight());
        assertThat(fast.getColorModel().hasAlpha()).isEqualTo(imageIo.getColorModel().hasAlpha());
        boolean gray = imageIo.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
        Raster raster = imageIo.getRaster();
        for (int y = 0; y < fast.getHeight(); y++) {
            for (int x = 0; x < fast.getWidth(); x++) {
                int expected = gray ? grayArgb(raster, x, y) : imageIo.getRGB(x, y);
                assertThat(Integer.toHexString(fast.getRGB(x, y))).as("pixel %d,%d", x, y)
                        .isEqualTo(Integer.toHexString(expected));
            }
        }
    }

    private static int grayArgb(Raster raster, int x, int y) {
        int alpha = raster.getNumBands() > 1 ? raster.getSample(x, y, 1) : 255;
        return alpha << 24 | raster.getSample(x, y, 0) * 0x010101;
    }

    private static Decoded decode(PngStreamDecoder decoder, byte[] png, DecodeRequest request) {
        try {
            return decoder.decode(png, request).orElseThrow(() -> new AssertionError("the fast path declined it"));
        } catch (ImageException e) {
            throw new AssertionError(e);
        }
    }

    static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 32; shift += 8) {
                    sum += Math.abs((p >>> shift & 0xff) - (q >>> shift & 0xff));
                }
            }
        }
        return (double) sum / (4L * a.getWidth() * a.getHeight());
    }

    private static BufferedImage withRadialAlpha(BufferedImage photo) {
        BufferedImage out = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_ARGB);
        double cx = photo.getWidth() / 2.0;
        double cy = photo.getHeight() / 2.0;
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                double d = Math.hypot((x - cx) / cx, (y - cy) / cy);
                int alpha = (int) Math.max(0, Math.min(255, 255 * (1.2 - d)));
                out.setRGB(x, y, alpha << 24 | photo.getRGB(x, y) & 0xffffff);
            }
        }
        return out;
    }

    private static byte[] palette(int entries) {
        byte[] plte = new byte[3 * entries];
        for (int i = 0; i < entries; i++) {
            plte[3 * i] = (byte) (i * 37);
            plte[3 * i + 1] = (byte) (255 - i * 11);
            plte[3 * i + 2] = (byte) (i * 5 + 40);
        }
        return plte;
    }

    private static byte[] withByte(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }

    /** Moves the second IDAT chunk behind a tEXt chunk: the image data is no longer one run. */
    private static byte[] splitByAChunk(byte[] png) {
        ByteBuffer buf = ByteBuffer.wrap(png);
        int first = 8 + 25;
        int second = first + 12 + buf.getInt(first);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(png, 0, second);
        PngFiles.chunk(out, "tEXt", "Comment\0in the way".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(png, second, png.length - second);
        return out.toByteArray();
    }
}
