package io.thumbctl.cli.local.jobs;

import io.micronaut.serde.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * An S3-compatible endpoint (s3proxy, in memory) that also answers S3 Control's job API, mounted
 * the way {@code thumbctl local} mounts it, with a stand-in function behind the jobs
 * ({@link ScriptedFunction}, whose answers the tests choose by key name; the real function runs
 * behind them in {@code LocalBatchJobEndToEndTest}). Real SDK
 * clients for both APIs. One per test class.
 */
public final class LocalJobEndpoint implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";
    public static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/thumbctl-batch-operations";
    public static final String FUNCTION = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:thumbctl:live";

    /** The CreateJob request a job was created from, as the job API read it. */
    public record Received(String account, String token, String description, int priority, String roleArn,
                           boolean confirmationRequired, String functionArn, String schema,
                           Map<String, String> userArguments, boolean reportEnabled, String reportBucketArn,
                           String reportPrefix, String reportFormat, String reportScope, String manifestFormat,
                           java.util.List<String> manifestFields, String manifestObjectArn, String manifestEtag,
                           String generatorSource, String generatorOwner, boolean generatorOutput,
                           String generatorOutputBucket, String generatorOutputPrefix, String generatorOutputFormat,
                           String generatorPrefix) {
    }

    private final S3Proxy proxy;
    private final LocalJobs jobs;
    private final BatchFunction function;
    private final java.util.List<String> jobLog;
    private final URI endpoint;
    private final S3Client s3;
    private final S3ControlClient s3Control;

    private LocalJobEndpoint(S3Proxy proxy, LocalJobs jobs, BatchFunction function, URI endpoint,
                             java.util.List<String> jobLog) {
        this.proxy = proxy;
        this.jobLog = jobLog;
        this.jobs = jobs;
        this.function = function;
        this.endpoint = endpoint;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
        this.s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder()).build();
        this.s3Control = S3ControlClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder())
                .endpointProvider(params -> CompletableFuture.completedFuture(Endpoint.builder().url(endpoint).build()))
                .build();
    }

    public static LocalJobEndpoint start() {
        return start(new LocalJobs.Settings(4, 3, Duration.ZERO), Map.of());
    }

    /** @param extra more servlets to mount, by path (stand-ins for other AWS APIs on the same endpoint) */
    public static LocalJobEndpoint start(LocalJobs.Settings settings, Map<String, HttpServlet> extra) {
        return start(settings, extra, new ScriptedFunction());
    }

    /** @param function what the jobs invoke */
    public static LocalJobEndpoint start(LocalJobs.Settings settings, Map<String, HttpServlet> extra,
                                         BatchFunction function) {
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("transient", new Properties()))
                    .awsAuthentication(AuthenticationType.NONE, null, null)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .ignoreUnknownHeaders(true)
                    .build();
            java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
            LocalJobs jobs = new LocalJobs(settings, log::add);
            JobApiMount.mount(proxy, jobs.servlet());
            extra.forEach((path, servlet) -> JobApiMount.mount(proxy, servlet, path));
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.onSpinWait();
            }
            LocalJobEndpoint endpoint = new LocalJobEndpoint(proxy, jobs, function,
                    URI.create("http://127.0.0.1:" + proxy.getPort()), log);
            jobs.attach(function, endpoint.s3, ObjectMapper.getDefault());
            return endpoint;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the job endpoint", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public S3Client s3() {
        return s3;
    }

    public S3ControlClient s3Control() {
        return s3Control;
    }

    /** The jobs behind the job API, for the tests that stop them. */
    LocalJobs jobs() {
        return jobs;
    }

    /** The stand-in function, for the tests that started the endpoint with it. */
    public ScriptedFunction function() {
        return (ScriptedFunction) function;
    }

    /** The lines the jobs told local mode's output so far. */
    public java.util.List<String> jobLog() {
        return java.util.List.copyOf(jobLog);
    }

    public void createBucket(String bucket) {
        s3.createBucket(b -> b.bucket(bucket));
    }

    public String put(String bucket, String key, String content) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content)).eTag().replace("\"", "");
    }

    public String get(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    /** The request job {@code jobId} of the account was created from. */
    public Optional<Received> received(String account, String jobId) {
        return jobs.describe(account, jobId).map(view -> received(view.spec()));
    }

    /** How many jobs the account has. */
    public int jobCount(String account) {
        return jobs.list(account, java.util.Set.of()).size();
    }

    private static Received received(JobSpec s) {
        JobSpec.Manifest m = s.manifest();
        JobSpec.Generator g = s.generator();
        return new Received(s.account(), s.clientRequestToken(), s.description(), s.priority(), s.roleArn(),
                s.confirmationRequired(), s.functionArn(), s.invocationSchemaVersion(), s.userArguments(),
                s.report().enabled(), s.report().bucketArn(), s.report().prefix(), s.report().format(),
                s.report().scope(), m == null ? null : m.format(), m == null ? null : m.fields(),
                m == null ? null : m.objectArn(), m == null ? null : m.etag(),
                g == null ? null : g.sourceBucketArn(), g == null ? null : g.expectedBucketOwner(),
                g != null && g.enableManifestOutput(), g == null ? null : g.outputBucketArn(),
                g == null ? null : g.outputPrefix(), g == null ? null : g.outputFormat(),
                g == null ? null : g.matchAnyPrefix());
    }

    @Override
    public void close() throws Exception {
        jobs.close();
        s3Control.close();
        s3.close();
        proxy.stop();
    }
}
