package io.thumbctl.testing;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A real S3-compatible server (s3proxy, in memory) on 127.0.0.1 with an ephemeral port, and a
 * real SDK client for it. Start one per test class; it accepts any credentials.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    /** s3proxy starts in 0.5-1.5 s here; far longer means it never will. */
    static final Duration START_DEADLINE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(5);

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;

    private S3TestServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.client = clientFor(endpoint);
    }

    /**
     * A real SDK client for a test endpoint (this server, or a relay in front of it): path-style,
     * the test credentials, and a call timeout so that a broken test ends rather than hangs.
     */
    public static S3Client clientFor(URI endpoint) {
        ApacheHttpClient.Builder http = ApacheHttpClient.builder();
        if ("https".equals(endpoint.getScheme())) {
            http.tlsTrustManagersProvider(() -> TestTls.shared().trustManagers());
        }
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(http)
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    /**
     * A real SDK client for a stand-in endpoint whose every answer a test wants to see once: the
     * test credentials, path-style, and no retries.
     */
    public static S3Client clientWithoutRetries(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public static S3TestServer start() {
        return start(AuthenticationType.NONE, false);
    }

    /**
     * One that speaks HTTPS only, as S3 does, with {@link TestTls#shared()}'s certificate; its
     * {@link #client()} and {@link #clientProperties()} trust that certificate.
     */
    public static S3TestServer startHttps() {
        return start(AuthenticationType.NONE, true);
    }

    /**
     * One that checks signatures, as S3 does: only {@link #ACCESS_KEY} with {@link #SECRET_KEY}
     * gets in; other keys are refused with 403 ({@code InvalidAccessKeyId}, {@code SignatureDoesNotMatch}).
     */
    public static S3TestServer startCheckingCredentials() {
        return start(AuthenticationType.AWS_V2_OR_V4, false);
    }

    private static S3TestServer start(AuthenticationType authentication, boolean https) {
        try {
            Properties props = new Properties();
            S3Proxy.Builder builder = S3Proxy.builder()
                    .blobStore(BlobStores.create("transient", props))
                    .awsAuthentication(authentication, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true);
            if (https) {
                TestTls tls = TestTls.shared();
                builder.secureEndpoint(URI.create("https://127.0.0.1:0"))
                        .keyStore(tls.serverKeyStore().toString(), TestTls.PASSWORD);
            } else {
                builder.endpoint(URI.create("http://127.0.0.1:0"));
            }
            S3Proxy proxy = builder.build();
            proxy.start();
            awaitStarted(proxy::getState, START_DEADLINE);
            URI endpoint = https
                    ? URI.create("https://127.0.0.1:" + proxy.getSecurePort())
                    : URI.create("http://127.0.0.1:" + proxy.getPort());
            return new S3TestServer(proxy, endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("could not start s3proxy", e);
        }
    }

    /**
     * Waits until {@code state} says STARTED (s3proxy's Jetty states), polling every few
     * milliseconds; fails at once on FAILED, and after {@code deadline} in any other state, so a
     * server that never comes up fails its test class instead of hanging the build.
     */
    static void awaitStarted(Supplier<String> state, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        String now;
        while (!"STARTED".equals(now = state.get())) {
            if ("FAILED".equals(now)) {
                throw new IllegalStateException("s3proxy failed to start");
            }
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException("s3proxy did not start within " + deadline.toMillis()
                        + " ms (state " + now + ")");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** A server someone else runs (LocalStack, MinIO, ...): nothing to start or stop. */
    public static S3TestServer external(URI endpoint) {
        return new S3TestServer(null, endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    public S3Client client() {
        return client;
    }

    /** Micronaut properties that point the SDK's S3Client bean at this server. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("aws.services.s3.endpoint-override", endpoint.toString());
        props.put("aws.s3.path-style-access-enabled", "true");
        props.put("aws.region", "us-east-1");
        props.put("aws.access-key-id", ACCESS_KEY);
        props.put("aws.secret-key", SECRET_KEY);
        if ("https".equals(endpoint.getScheme())) {
            props.put(TestTlsTrust.PROPERTY, "true");
        }
        return props;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public String put(String bucket, String key, byte[] content, String contentType) {
        return client.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content))
                .eTag().replace("\"", "");
    }

    public Optional<HeadObjectResponse> head(String bucket, String key) {
        try {
            return Optional.of(client.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public byte[] get(String bucket, String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public void close() throws Exception {
        client.close();
        if (proxy != null) {
            proxy.stop();
        }
    }
}
