package io.thumbctl.image.bench;

import io.thumbctl.config.OutputFormat;
import io.thumbctl.image.EncodedImage;
import io.thumbctl.image.ImageException;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.image.ThumbnailSpec;
import io.thumbctl.testing.TestImages;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The PNG decode paths side by side on a directory of PNGs, in one warm JVM: the default renderer
 * ({@code png-libdeflate} where the image data is small enough, else {@code png-stream}), the
 * pure-Java one ({@code png-stream} throughout) and ImageIO alone, interleaved image by image.
 * Per image it prints the median CPU time of a whole render (decode, resize, encode: the decode
 * is nearly all of it) on each path, and how far each fast path's thumbnail is from ImageIO's
 * (mean absolute difference per channel, of 255); then the medians and ratios. CPU time rather
 * than wall time, because a busy machine stretches wall time: the sum over the JVM's threads
 * (the render's worker, the collector, the compiler) from {@code /proc/self/task/}{@code *}{@code /schedstat},
 * in nanoseconds; elsewhere the process CPU time the JVM reports.
 *
 * <pre>java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp function/target/thumbctl-function.jar:function/target/test-classes \
 *     io.thumbctl.image.bench.PngPathsBench DIR [ROUNDS]</pre>
 *
 * {@code -XX:TieredStopAtLevel=1} is what Lambda's Java runtime runs with (C1 only).
 */
public final class PngPathsBench {

    private static final ThumbnailSpec SPEC = new ThumbnailSpec(128, 128, OutputFormat.SAME, 100_000_000L, 0.85f);
    private static final String[] SIDES = {"default", "java", "imageio"};

    private final PrintStream out = System.out;

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PngPathsBench DIR [ROUNDS]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.exit(new PngPathsBench().run(Path.of(args[0]), rounds));
    }

    private int run(Path dir, int rounds) throws IOException, ImageException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(f -> f.toString().toLowerCase(Locale.ROOT).endsWith(".png")).sorted()
                    .collect(Collectors.toList());
        }
        ThumbnailRenderer[] renderers = {
                new ThumbnailRenderer(RenderSettings.defaults().withNative(true).withTimeLimit(Duration.ofSeconds(60))),
                new ThumbnailRenderer(RenderSettings.defaults().withNative(false).withTimeLimit(Duration.ofSeconds(60))),
                new ThumbnailRenderer(RenderSettings.defaults().withNative(false).withPngStream(false).withTimeLimit(Duration.ofSeconds(60)))};
        double[][][] ms = new double[files.size()][SIDES.length][rounds];
        String[][] paths = new String[files.size()][SIDES.length];
        double[][] difference = new double[files.size()][2];
        // One warm-up round, then the timed ones; the paths alternate image by image.
        for (int round = -1; round < rounds; round++) {
            for (int f = 0; f < files.size(); f++) {
                byte[] bytes = Files.readAllBytes(files.get(f));
                EncodedImage[] thumbnails = new EncodedImage[SIDES.length];
                for (int s = 0; s < SIDES.length; s++) {
                    long cpu = cpuNanos();
                    thumbnails[s] = renderers[s].render(bytes, SPEC);
                    if (round >= 0) {
                        ms[f][s][round] = (cpuNanos() - cpu) / 1e6;
                    }
                    paths[f][s] = thumbnails[s].decodePath().label();
                }
                if (round < 0) {
                    BufferedImage reference = TestImages.decode(thumbnails[2].bytes());
                    difference[f][0] = meanDifference(TestImages.decode(thumbnails[0].bytes()), reference);
                    difference[f][1] = meanDifference(TestImages.decode(thumbnails[1].bytes()), reference);
                }
            }
        }
        out.printf(Locale.ROOT, "PNG decode paths: %d files under %s, box 128x128, 1 warm-up + %d timed rounds,"
                + " CPU ms per render (median)%n", files.size(), dir, rounds);
        out.printf(Locale.ROOT, "%-44s %-15s %8s %-11s %8s %8s %10s %10s%n", "file", "default path", "ms", "java path",
                "ms", "imageio", "diff def", "diff java");
        double[][] medians = new double[SIDES.length][files.size()];
        for (int f = 0; f < files.size(); f++) {
            for (int s = 0; s < SIDES.length; s++) {
                medians[s][f] = median(ms[f][s]);
            }
            out.printf(Locale.ROOT, "%-44s %-15s %8.1f %-11s %8.1f %8.1f %10.2f %10.2f%n",
                    dir.relativize(files.get(f)), paths[f][0], medians[0][f], paths[f][1], medians[1][f],
                    medians[2][f], difference[f][0], difference[f][1]);
        }
        double imageIo = median(medians[2]);
        out.printf(Locale.ROOT, "median: default %.1f ms (%.2fx imageio), java %.1f ms (%.2fx imageio), imageio %.1f ms%n",
                median(medians[0]), median(medians[0]) / imageIo, median(medians[1]), median(medians[1]) / imageIo,
                imageIo);
        return 0;
    }

    /** CPU time of all the JVM's threads, in nanoseconds. */
    private static long cpuNanos() {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("schedstat"));
                    total += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
            return total;
        } catch (IOException e) {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return Double.NaN;
        }
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
        return (double) sum / (4.0 * a.getWidth() * a.getHeight());
    }
}
