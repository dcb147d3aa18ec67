package io.thumbctl.cli.bench;

import io.thumbctl.cli.backfill.BackfillListener;
import io.thumbctl.cli.backfill.BackfillRequest;
import io.thumbctl.cli.backfill.BackfillService;
import io.thumbctl.cli.backfill.BackfillSummary;
import io.thumbctl.cli.testing.ForkedThumbctl;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.S3ObjectStore;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import io.thumbctl.thumbnail.ThumbnailService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Backfill throughput at concurrency 1 and at the default, and verify's time and peak heap on
 * 100,000 keys, all against s3proxy on 127.0.0.1. Not a test: figures depend on the machine.
 *
 * <p>A local server answers in well under a millisecond, so locally the work is CPU-bound (the
 * resize) and threads can only help up to the number of cores. S3 answers in tens of
 * milliseconds, and that wait is what concurrency hides; so backfill is also measured with a
 * simulated round trip added to every S3 request ({@code latencyMs}, default 20), which is the
 * figure that predicts a run against AWS.
 *
 * <p>Arguments: {@code [backfillObjects=1000] [verifySources=50000] [latencyMs=20] [photoWidth=160]}
 * (the photos are 4:3 JPEGs; on a 2-core machine a 640-pixel photo makes the resize, not S3, the
 * bottleneck, so no number of threads can give more than about 2x).
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int verifySources = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int width = args.length > 3 ? Integer.parseInt(args[3]) : 160;
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (S3TestServer server = S3TestServer.start()) {
            if (objects > 0) {
                backfills(server, objects, latencyMs, width);
            }
            if (verifySources > 0) {
                verify(server, verifySources);
            }
        }
        System.exit(0);
    }

    private static void backfills(S3TestServer server, int objects, int latencyMs, int width) throws Exception {
        {
            // Warm up the JIT (and the server) so that concurrency 1, measured first, is not also
            // measuring class loading and compilation.
            System.out.println("warm-up:");
            backfill(server, Math.min(objects, 200), 0, width);
            System.out.println("measured:");
            backfill(server, objects, 0, width);
            if (latencyMs > 0) {
                backfill(server, objects, latencyMs, width);
            }
        }
    }

    private static void backfill(S3TestServer server, int objects, int latencyMs, int width) throws Exception {
        byte[] photo = TestImages.jpeg(width, width * 3 / 4);
        double one = 0;
        for (int concurrency : new int[]{1, BackfillService.DEFAULT_CONCURRENCY}) {
            String bucket = "bench-" + objects + "-" + latencyMs + "ms-" + concurrency;
            server.createBucket(bucket);
            fill(server, bucket, objects, photo);
            try (S3Client client = client(server, latencyMs)) {
                ObjectStore store = new S3ObjectStore(() -> client);
                KeyPolicy policy = new KeyPolicy(ThumbnailSettings.defaults());
                BackfillService service = new BackfillService(store, policy,
                        new ThumbnailService(store, policy, new ThumbnailRenderer(RenderSettings.fromEnvironment())));
                BackfillSummary s = service.run(new BackfillRequest(bucket, "", concurrency, false),
                        BackfillListener.NONE);
                if (s.created() != objects) {
                    throw new IllegalStateException("expected " + objects + " created: " + s);
                }
                double rate = objects / s.seconds();
                one = concurrency == 1 ? rate : one;
                System.out.printf(Locale.ROOT,
                        "backfill  %5d objects (%dx%d JPEG)  +%2d ms per S3 request  concurrency %2d: %6.1f s  %7.1f objects/s%s%n",
                        objects, width, width * 3 / 4, latencyMs, concurrency, s.seconds(), rate,
                        concurrency == 1 ? "" : String.format(Locale.ROOT, "  (%.1fx concurrency 1)", rate / one));
            }
        }
    }

    private static void verify(S3TestServer server, int sources) throws Exception {
        String bucket = "bench-verify";
        server.createBucket(bucket);
        long started = System.nanoTime();
        // Sources first, thumbnails after, so every thumbnail is at least as new as its source.
        putMany(server, bucket, sources, i -> String.format("photos/%03d/%06d.jpg", i % 500, i));
        putMany(server, bucket, sources, i -> String.format("thumbnails/photos/%03d/%06d.jpg", i % 500, i));
        System.out.printf(Locale.ROOT, "verify    filled %d keys in %.0f s%n", 2 * sources,
                (System.nanoTime() - started) / 1e9);
        // What the server itself needs to list them all, for comparison with verify's time.
        long listStarted = System.nanoTime();
        long pages = server.client().listObjectsV2Paginator(b -> b.bucket(bucket)).stream().count();
        System.out.printf(Locale.ROOT, "verify    one plain listing of the bucket: %d pages in %.1f s%n", pages,
                (System.nanoTime() - listStarted) / 1e9);
        ForkedThumbctl.Result result = ForkedThumbctl.run("64m", server, "verify", "--bucket", bucket);
        String timing = result.out().lines().filter(l -> l.startsWith("verify of")).findFirst().orElse(result.out());
        System.out.printf(Locale.ROOT, "verify    %d keys (%d sources + %d thumbnails), JVM -Xmx64m: exit %d, "
                        + "live heap at most %.1f MB (heap used incl. garbage %.1f MB)%n          %s%n",
                2 * sources, sources, sources, result.exit(), result.peakLiveHeapBytes() / 1048576.0,
                result.peakHeapBytes() / 1048576.0, timing);
    }

    private interface KeyName {
        String of(int i);
    }

    private static void putMany(S3TestServer server, String bucket, int n, KeyName name) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> puts = new ArrayList<>();
            byte[] tiny = {1};
            for (int i = 0; i < n; i++) {
                String key = name.of(i);
                puts.add(pool.submit(() -> server.client().putObject(b -> b.bucket(bucket).key(key),
                        RequestBody.fromBytes(tiny))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void fill(S3TestServer server, String bucket, int n, byte[] photo) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String key = String.format("camera/IMG_%05d.jpg", i);
                puts.add(pool.submit(() -> server.put(bucket, key, photo, "image/jpeg")));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A client like the CLI's, plus, when asked, a fixed wait before every request to stand for S3's latency. */
    private static S3Client client(S3TestServer server, int latencyMs) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(50))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        if (latencyMs > 0) {
                            try {
                                Thread.sleep(Duration.ofMillis(latencyMs).toMillis());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                }))
                .build();
    }
}
