package io.thumbctl.image.bench;

import io.thumbctl.config.OutputFormat;
import io.thumbctl.image.ImageException;
import io.thumbctl.image.EncodedImage;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.image.ThumbnailSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the real image pipeline ({@link ThumbnailRenderer}) over a directory of images in one warm
 * JVM and prints per-image milliseconds for the default path (libturbojpeg where it applies) and
 * the pure-Java path, the medians, the peak heap and the failures; when a python3 with Pillow is
 * found, Pillow's {@code Image.thumbnail} runs on the same files in the same run, and the ratios
 * are printed.
 *
 * <pre>java -Xmx128m -cp function/target/thumbctl-function.jar:function/target/test-classes io.thumbctl.image.bench.ImageBench DIR</pre>
 *
 * (It lives in the test sources so that the deployable jar holds only what Lambda runs; the
 * function jar gives it the renderer exactly as deployed.)
 *
 * Options: {@code --width N --height N} (box, default 128x128), {@code --rounds N} (timed rounds
 * after one warm-up round, default 3; each image's time is its median), {@code --format
 * same|jpeg|png}, {@code --python PATH}, {@code --no-pillow}.
 */
public final class ImageBench {

    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "webp");
    private static final float QUALITY = 0.85f;

    private final PrintStream out;
    private int width = 128;
    private int height = 128;
    private int rounds = 3;
    private OutputFormat format = OutputFormat.SAME;
    private String python;
    private boolean pillow = true;

    private ImageBench(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        ImageBench bench = new ImageBench(System.out);
        Path dir = bench.parse(args);
        if (dir == null) {
            System.err.println("usage: ImageBench DIR [--width N] [--height N] [--rounds N] [--format same|jpeg|png]"
                    + " [--python PATH] [--no-pillow]");
            System.exit(2);
        }
        System.exit(bench.run(dir));
    }

    private Path parse(String[] args) {
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--width" -> width = Integer.parseInt(args[++i]);
                case "--height" -> height = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Math.max(1, Integer.parseInt(args[++i]));
                case "--format" -> format = OutputFormat.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--python" -> python = args[++i];
                case "--no-pillow" -> pillow = false;
                default -> dir = Path.of(args[i]);
            }
        }
        return dir;
    }

    /** One image's timings on one side (default, pure Java or Pillow) and, for ours, the path or failure. */
    private static final class Side {
        final double[] ms;
        String path;
        String failure;

        Side(int rounds) {
            ms = new double[rounds];
        }

        double median() {
            return ImageBench.median(Arrays.stream(ms));
        }

        String cell() {
            return failure != null ? "failed" : fmt(median());
        }
    }

    private int run(Path dir) throws IOException, InterruptedException {
        List<Path> files = images(dir);
        if (files.isEmpty()) {
            out.println("no images (" + String.join(" ", EXTENSIONS) + ") under " + dir);
            return 2;
        }
        ThumbnailSpec spec = new ThumbnailSpec(width, height, format, 100_000_000L, QUALITY);
        ThumbnailRenderer fast = new ThumbnailRenderer(RenderSettings.defaults().withNative(true).withTimeLimit(Duration.ofSeconds(60)));
        ThumbnailRenderer java = new ThumbnailRenderer(RenderSettings.defaults().withNative(false).withTimeLimit(Duration.ofSeconds(60)));
        Optional<Pillow> py = pillow ? Pillow.start(findPython(), width, height, Math.round(QUALITY * 100))
                : Optional.empty();
        out.printf(Locale.ROOT, "thumbctl image benchmark: %d files under %s, box %dx%d, format %s,"
                        + " 1 warm-up + %d timed rounds (median per image)%n", files.size(), dir, width, height,
                format.name().toLowerCase(Locale.ROOT), rounds);
        out.printf(Locale.ROOT, "JVM %s, max heap %d MB, %d CPUs, libturbojpeg %s, Pillow %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(),
                fast.nativeJpegAvailable() ? "loaded" : "not available (pure Java only)",
                py.map(p -> "via " + p.interpreter).orElse(pillow
                        ? "not found (try --python PATH, or apt-get install python3-pil)" : "not run"));

        PeakHeap heap = new PeakHeap();
        heap.start();
        Map<Path, Side> defaults = new HashMap<>();
        Map<Path, Side> javaOnly = new HashMap<>();
        Map<Path, Side> pillowMs = new HashMap<>();
        // Interleaved image by image, so a busy neighbour on the machine slows all three sides alike.
        for (int round = 0; round <= rounds; round++) {
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                time(fast, bytes, spec, round, defaults.computeIfAbsent(file, f -> new Side(rounds)));
                time(java, bytes, spec, round, javaOnly.computeIfAbsent(file, f -> new Side(rounds)));
                if (py.isPresent()) {
                    double ms = py.get().time(file);
                    Side side = pillowMs.computeIfAbsent(file, f -> new Side(rounds));
                    if (ms < 0) {
                        side.failure = "Pillow cannot read it";
                    } else if (round > 0) {
                        side.ms[round - 1] = ms;
                    }
                }
            }
        }
        long peakHeap = heap.peak();
        long liveHeap = heap.live();
        py.ifPresent(Pillow::close);

        out.println();
        out.printf(Locale.ROOT, "%-44s %6s %5s %-14s %10s %10s %10s%n", "file", "MP", "type", "path", "default ms",
                "java ms", "pillow ms");
        for (Path file : files) {
            Side d = defaults.get(file);
            Side p = pillowMs.get(file);
            out.printf(Locale.ROOT, "%-44s %6.1f %5s %-14s %10s %10s %10s%n", shorten(dir.relativize(file).toString()),
                    megapixels(file), extension(file), d.failure == null ? d.path : "failed", d.cell(),
                    javaOnly.get(file).cell(), p == null ? "-" : p.cell());
        }
        out.println();
        summary("all", files, defaults, javaOnly, pillowMs);
        summary("jpeg", filter(files, "jpg", "jpeg", "jpe", "jfif"), defaults, javaOnly, pillowMs);
        summary("png", filter(files, "png"), defaults, javaOnly, pillowMs);
        summary("other", filter(files, "gif", "bmp", "webp"), defaults, javaOnly, pillowMs);
        out.printf(Locale.ROOT, "peak heap: %d MB in use before a GC, %d MB still live after one (max heap %d MB)%n",
                peakHeap >> 20, liveHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            if (defaults.get(file).failure != null) {
                failures.add(dir.relativize(file) + ": " + defaults.get(file).failure);
            }
        }
        out.println("failures: " + failures.size());
        failures.forEach(f -> out.println("  " + f));
        return failures.isEmpty() ? 0 : 1;
    }

    /** Medians over the images every side read; ratios compare our medians with Pillow's. */
    private void summary(String label, List<Path> files, Map<Path, Side> defaults, Map<Path, Side> javaOnly,
                         Map<Path, Side> pillowMs) {
        List<Path> ok = files.stream().filter(f -> defaults.get(f).failure == null && javaOnly.get(f).failure == null)
                .collect(Collectors.toList());
        if (ok.isEmpty()) {
            return;
        }
        double d = median(ok.stream().mapToDouble(f -> defaults.get(f).median()));
        double j = median(ok.stream().mapToDouble(f -> javaOnly.get(f).median()));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "median %-5s (%3d files): default %7.1f ms   java %7.1f ms", label, ok.size(), d, j));
        List<Path> withPillow = ok.stream().filter(f -> pillowMs.containsKey(f) && pillowMs.get(f).failure == null)
                .collect(Collectors.toList());
        if (!withPillow.isEmpty()) {
            double pm = median(withPillow.stream().mapToDouble(f -> pillowMs.get(f).median()));
            line.append(String.format(Locale.ROOT, "   pillow %7.1f ms   default/pillow %.2fx   java/pillow %.2fx",
                    pm, d / pm, j / pm));
        }
        out.println(line);
    }

    private static void time(ThumbnailRenderer renderer, byte[] bytes, ThumbnailSpec spec, int round, Side side) {
        long start = System.nanoTime();
        try {
            EncodedImage thumbnail = renderer.render(bytes, spec);
            double ms = (System.nanoTime() - start) / 1e6;
            side.path = thumbnail.decodePath().label();
            if (round > 0) {
                side.ms[round - 1] = ms;
            }
        } catch (ImageException e) {
            side.failure = e.reason() + " (" + e.getMessage() + ")";
        }
    }

    /** A python3 process running pillow_thumbnail.py, asked one file at a time. */
    private static final class Pillow implements AutoCloseable {
        final String interpreter;
        private final Process process;
        private final PrintStream requests;
        private final BufferedReader answers;
        private final Path script;

        private Pillow(String interpreter, Process process, Path script) {
            this.interpreter = interpreter;
            this.process = process;
            this.script = script;
            this.requests = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Optional<Pillow> start(Optional<String> interpreter, int width, int height, int quality)
                throws IOException {
            if (interpreter.isEmpty()) {
                return Optional.empty();
            }
            Path script = Files.createTempFile("thumbctl-pillow", ".py");
            try (InputStream in = ImageBench.class.getResourceAsStream("pillow_thumbnail.py")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Process process = new ProcessBuilder(interpreter.get(), script.toString(), String.valueOf(width),
                    String.valueOf(height), String.valueOf(quality)).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return Optional.of(new Pillow(interpreter.get(), process, script));
        }

        double time(Path file) throws IOException {
            requests.println(file.toAbsolutePath());
            String answer = answers.readLine();
            if (answer == null) {
                throw new IOException("the Pillow process ended early");
            }
            return Double.parseDouble(answer);
        }

        @Override
        public void close() {
            requests.close();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
                Files.deleteIfExists(script);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
            process.destroy();
        }
    }

    private Optional<String> findPython() throws InterruptedException {
        List<String> candidates = python != null ? List.of(python) : List.of("python3", "/usr/bin/python3");
        for (String candidate : candidates) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import PIL").redirectErrorStream(true).start();
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not installed under that name; try the next one
            }
        }
        return Optional.empty();
    }

    private static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(f -> EXTENSIONS.contains(extension(f))).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static List<Path> filter(List<Path> files, String... extensions) {
        Set<String> wanted = Set.of(extensions);
        return files.stream().filter(f -> wanted.contains(extension(f))).collect(Collectors.toList());
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Reads only the header (ImageIO), for the table. */
    private static double megapixels(Path file) {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
            var readers = javax.imageio.ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return 0;
            }
            var reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (double) reader.getWidth(0) * reader.getHeight(0) / 1e6;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Records the heap in use just before each collection, the true high-water mark a -Xmx must
     * allow for (the pools' own peaks are not simultaneous, so their sum overstates it).
     */
    private static final class PeakHeap implements javax.management.NotificationListener {
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong live = new java.util.concurrent.atomic.AtomicLong();

        void start() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener(this, null, null);
            }
        }

        @Override
        public void handleNotification(javax.management.Notification notification, Object handback) {
            if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                    .equals(notification.getType())) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo
                    .from((javax.management.openmbean.CompositeData) notification.getUserData());
            peak.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
            live.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
        }

        private static long heapUsed(Map<String, java.lang.management.MemoryUsage> pools) {
            Set<String> heap = heapPools();
            return pools.entrySet().stream().filter(e -> heap.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().getUsed()).sum();
        }

        /** The most the heap held right after a collection: what the run really kept alive. */
        long live() {
            return live.get();
        }

        long peak() {
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return Math.max(peak.get(), now);
        }

        private static Set<String> heapPools() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        }
    }

    private static double median(java.util.stream.DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String fmt(double ms) {
        return ms < 0 ? "failed" : String.format(Locale.ROOT, "%.1f", ms);
    }

    private static String shorten(String name) {
        return name.length() <= 44 ? name : "..." + name.substring(name.length() - 41);
    }
}
