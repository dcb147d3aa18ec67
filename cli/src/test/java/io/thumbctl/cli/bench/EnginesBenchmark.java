package io.thumbctl.cli.bench;

import io.thumbctl.cli.local.InvocationListener;
import io.thumbctl.cli.local.LocalOptions;
import io.thumbctl.cli.local.LocalPipeline;
import io.thumbctl.cli.local.ObjectChange;
import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.testing.TestImages;
import io.thumbctl.thumbnail.OutcomeView;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two backfill engines on the same objects through {@code thumbctl local}: the local engine
 * ({@code backfill}, concurrency 16) and a Batch Operations job ({@code backfill --engine
 * batch-operations --wait}) that local mode runs by invoking the function per object. Not a test:
 * figures depend on the machine.
 *
 * <p>Local mode makes a thumbnail as soon as an object is uploaded, so after the upload, and
 * between the two runs, the thumbnails are deleted again; each engine then creates all of them.
 * Both pay for the notifications their own writes cause (the function skips them, one invocation
 * each, on local mode's single notification thread). The times include starting thumbctl (a
 * Micronaut context, about a second).
 *
 * <p>Arguments: {@code [objects=10000] [photoWidth=160] [local-first|batch-first]}: which engine runs
 * first (the second one finds a warmer JVM; run both orders).
 */
public final class EnginesBenchmark {

    private static final String FUNCTION = LocalPipeline.FUNCTION_ARN;
    private static final String ROLE = LocalPipeline.ROLE_ARN;

    /** Counts the function's outcomes for the notifications local mode sends. */
    private static final class Counter implements InvocationListener {
        final AtomicLong created = new AtomicLong();
        final AtomicLong removed = new AtomicLong();

        @Override
        public void invoked(ObjectChange change, List<OutcomeView> outcomes, Duration sinceChange) {
            for (OutcomeView o : outcomes) {
                if ("created".equals(o.outcome())) {
                    created.incrementAndGet();
                }
                if (!change.created()) {
                    removed.incrementAndGet();
                }
            }
        }

        @Override
        public void invocationFailed(ObjectChange change, Exception error) {
            System.err.println("invocation failed: " + change + ": " + error);
        }
    }

    private EnginesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 160;
        boolean batchFirst = args.length > 2 && "batch-first".equals(args[2]);
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; %d objects, %dx%d JPEGs%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), objects, width,
                width * 3 / 4);
        Path data = Files.createTempDirectory("thumbctl-engines-");
        Counter function = new Counter();
        LocalPipeline local = LocalPipeline.start(new LocalOptions(0, data, List.of("photos"), Map.of()), function);
        try (S3Client s3 = S3Client.builder().endpointOverride(local.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            byte[] jpeg = TestImages.jpeg(width, width * 3 / 4);
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                keys.add(String.format(Locale.ROOT, "camera/%03d/IMG_%05d.jpg", i % 100, i));
            }
            upload(s3, keys, jpeg);
            await("thumbnails of the uploads", () -> function.created.get() >= objects);
            removeThumbnails(s3, keys, function);

            for (int run = 0; run < 2; run++) {
                if (run == 1) {
                    removeThumbnails(s3, keys, function);
                }
                if ((run == 0) == batchFirst) {
                    long start = System.nanoTime();
                    Thumbctl.Run job = thumbctl(local, "backfill", "--bucket", "photos", "--engine",
                            "batch-operations", "--function-arn", FUNCTION, "--role-arn", ROLE, "--wait",
                            "--poll-interval", "0.5", "--progress", "never");
                    report("Batch Operations job in thumbctl local", job, start, objects);
                } else {
                    long start = System.nanoTime();
                    Thumbctl.Run engine = thumbctl(local, "backfill", "--bucket", "photos", "--progress", "never");
                    report("local engine (concurrency 16)", engine, start, objects);
                }
            }
        } finally {
            local.stop();
        }
        System.exit(0);
    }

    private static Thumbctl.Run thumbctl(LocalPipeline local, String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint-url", local.endpoint().toString(), "--region", "us-east-1"));
        all.addAll(List.of(args));
        return Thumbctl.run(all.toArray(String[]::new));
    }

    private static void report(String engine, Thumbctl.Run run, long start, int objects) {
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> tail = run.out().lines().filter(l -> l.startsWith("  ") || l.startsWith("job ")).toList();
        System.out.printf(Locale.ROOT, "%s: exit %d, %.1f s, %.0f objects/s%n  %s%n", engine, run.exit(), seconds,
                objects / seconds, String.join("\n  ", tail.subList(Math.max(0, tail.size() - 8), tail.size())));
    }

    private static void upload(S3Client s3, List<String> keys, byte[] jpeg) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : keys) {
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket("photos").key(key).contentType("image/jpeg"),
                        RequestBody.fromBytes(jpeg))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Deletes every thumbnail, and waits until local mode has told the function of each delete. */
    private static void removeThumbnails(S3Client s3, List<String> keys, Counter function) {
        long before = function.removed.get();
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> chunk = keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key("thumbnails/" + k).build()).toList();
            s3.deleteObjects(b -> b.bucket("photos").delete(d -> d.objects(chunk)));
        }
        await("the thumbnails' deletes", () -> function.removed.get() - before >= keys.size());
    }

    private static void await(String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
