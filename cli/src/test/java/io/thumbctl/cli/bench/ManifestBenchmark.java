package io.thumbctl.cli.bench;

import io.thumbctl.cli.aws.ClientTimeouts;
import io.thumbctl.cli.job.CsvManifest;
import io.thumbctl.cli.job.JobDefinition;
import io.thumbctl.cli.job.JobSubmission;
import io.thumbctl.cli.job.ManifestMode;
import io.thumbctl.cli.job.ManifestUpload;
import io.thumbctl.cli.job.ReportScope;
import io.thumbctl.cli.job.S3Location;
import io.thumbctl.cli.local.jobs.LocalJobEndpoint;
import io.thumbctl.cli.local.jobs.LocalJobs;
import io.thumbctl.cli.testing.MeasuredMain;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.storage.ObjectInfo;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Time and heap to build and submit a CSV manifest of many keys (default 10^6) in a JVM limited to
 * 64 MB of heap: thumbctl's own manifest writer (key policy, URL encoding, temporary file), its
 * streamed upload to s3proxy, and CreateJob to the local job API, with the real SDK clients. Not a
 * test: figures depend on the machine.
 *
 * <p>The keys come from a synthetic listing, not from S3: filling s3proxy with 10^6 objects takes
 * far longer than the run itself, and listing speed is S3's, not thumbctl's (about 1,000 keys per
 * LIST call; see the backfill benchmark). One key in ten is a thumbnail or not an image, so the key
 * policy has work to do. The job itself is created but its tasks answer at once (a no-op function):
 * only the submission is measured.
 *
 * <p>Arguments: {@code [keys=1000000] [maxHeap=64m]}.
 */
public final class ManifestBenchmark {

    private ManifestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long keys = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        String heap = args.length > 1 ? args[1] : "64m";
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (LocalJobEndpoint local = LocalJobEndpoint.start(new LocalJobs.Settings(1, 1, Duration.ZERO), Map.of(),
                event -> "{\"results\":[]}".getBytes(StandardCharsets.UTF_8))) {
            local.createBucket("photos");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                    Child.class.getName(), local.endpoint().toString(), Long.toString(keys))
                    .inheritIO().start();
            if (!child.waitFor(30, TimeUnit.MINUTES)) {
                child.destroyForcibly();
                throw new IllegalStateException("the measured JVM did not finish in 30 minutes");
            }
            System.out.println("exit " + child.exitValue() + " (-Xmx" + heap + ")");
        }
        System.exit(0);
    }

    /** The measured part, in a JVM of its own. Arguments: endpoint, number of keys. */
    public static final class Child {

        private Child() {
        }

        public static void main(String[] args) throws Exception {
            MeasuredMain.watchCollections();
            URI endpoint = URI.create(args[0]);
            long keys = Long.parseLong(args[1]);
            StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
            try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder()).build();
                 S3ControlClient s3Control = S3ControlClient.builder().region(Region.US_EAST_1)
                         .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder())
                         .endpointProvider(p -> CompletableFuture.completedFuture(Endpoint.builder().url(endpoint).build()))
                         .build()) {
                long start = System.nanoTime();
                CsvManifest manifest = CsvManifest.write(listing(keys), new KeyPolicy(ThumbnailSettings.defaults()),
                        "photos", listed -> { });
                long built = System.nanoTime();
                String key = "thumbctl-batch-operations/manifests/photos-" + manifest.sha256().substring(0, 20) + ".csv";
                String etag = new ManifestUpload(s3, ClientTimeouts.defaults()).upload(manifest.file(), "photos", key, LocalJobEndpoint.ACCOUNT);
                long uploaded = System.nanoTime();
                JobDefinition job = new JobDefinition(LocalJobEndpoint.ACCOUNT, "aws", "photos", "",
                        LocalJobEndpoint.FUNCTION, LocalJobEndpoint.ROLE,
                        new S3Location("photos", "thumbctl-batch-operations/reports"), ReportScope.FAILED, 10,
                        ManifestMode.CSV, new JobDefinition.ManifestObject("photos", key, etag),
                        new S3Location("photos", "thumbctl-batch-operations/manifests"));
                String jobId = new JobSubmission(() -> s3Control).create(job, job.clientRequestToken(LocalDate.now()));
                long submitted = System.nanoTime();
                manifest.close();
                System.gc();
                System.out.printf(Locale.ROOT, "keys listed %d, in the manifest %d (%.1f MB)%n", manifest.listed(),
                        manifest.rows(), manifest.bytes() / 1048576.0);
                System.out.printf(Locale.ROOT, "build %.1f s, upload %.1f s, CreateJob %.2f s, total %.1f s; job %s%n",
                        seconds(built - start), seconds(uploaded - built), seconds(submitted - uploaded),
                        seconds(submitted - start), jobId);
                System.out.printf(Locale.ROOT, "live heap at most %.1f MB (after a collection); heap used at most %.1f MB%n",
                        MeasuredMain.peakLiveHeapBytes() / 1048576.0, MeasuredMain.peakHeapBytes() / 1048576.0);
            }
            System.exit(0);
        }

        /** Keys as a camera roll names them; one in ten not an image, one in a hundred a thumbnail. */
        static Stream<ObjectInfo> listing(long keys) {
            return LongStream.range(0, keys).mapToObj(i -> {
                String key = String.format(Locale.ROOT, "%scamera/%04d/%02d/IMG %07d.%s", i % 100 == 42 ? "thumbnails/" : "",
                        2000 + i / 100_000, i / 10_000 % 12 + 1, i, i % 10 == 9 ? "txt" : "jpg");
                return new ObjectInfo("photos", key, 2_000_000, "etag", Instant.EPOCH, null);
            });
        }

        private static double seconds(long nanos) {
            return nanos / 1e9;
        }
    }
}
