package io.thumbctl.storage;

import io.thumbctl.testing.FailingS3Server;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How every S3 answer is classified, from real HTTP answers through the real SDK: which exception,
 * which reason word, and whether a retry can help. The SDK's own retries are off here (they do not
 * change the final classification, only how long it takes to get there).
 */
class StorageErrorsTest {

    enum Call { GET, PUT, HEAD, DELETE }

    @ParameterizedTest(name = "{0} answered {1} {2}: {3}, {4}, retryable={5}")
    @CsvSource({
            // call, status, S3 error code, exception, reason, retryable
            "GET,    403, AccessDenied,               AccessDeniedException,       access-denied,  true",
            "PUT,    403, AccessDenied,               AccessDeniedException,       access-denied,  true",
            "GET,    403, InvalidAccessKeyId,         AccessDeniedException,       access-denied,  true",
            "GET,    403, SignatureDoesNotMatch,      AccessDeniedException,       access-denied,  true",
            "GET,    404, NoSuchKey,                  ObjectGoneException,         gone,           false",
            "GET,    404, NoSuchBucket,               BucketNotFoundException,     no-such-bucket, true",
            "PUT,    404, NoSuchBucket,               BucketNotFoundException,     no-such-bucket, true",
            "DELETE, 404, NoSuchBucket,               BucketNotFoundException,     no-such-bucket, true",
            "PUT,    409, ConditionalRequestConflict, PreconditionFailedException, conflict,       true",
            "PUT,    412, PreconditionFailed,         PreconditionFailedException, conflict,       true",
            "GET,    412, PreconditionFailed,         PreconditionFailedException, conflict,       true",
            "DELETE, 412, PreconditionFailed,         PreconditionFailedException, conflict,       true",
            "GET,    429, TooManyRequests,            TransientStorageException,   throttled,      true",
            "GET,    503, SlowDown,                   TransientStorageException,   throttled,      true",
            "PUT,    503, SlowDown,                   TransientStorageException,   throttled,      true",
            "GET,    503, ServiceUnavailable,         TransientStorageException,   throttled,      true",
            "GET,    500, InternalError,              TransientStorageException,   server-error,   true",
            "PUT,    502, BadGateway,                 TransientStorageException,   server-error,   true",
            "GET,    400, InvalidRequest,             PermanentStorageException,   rejected,       false",
            "PUT,    400, EntityTooLarge,             PermanentStorageException,   rejected,       false",
            "GET,    405, MethodNotAllowed,           PermanentStorageException,   rejected,       false",
            "GET,    416, InvalidRange,               PermanentStorageException,   rejected,       false",
            "HEAD,   403, AccessDenied,               AccessDeniedException,       access-denied,  true",
            "HEAD,   503, SlowDown,                   TransientStorageException,   throttled,      true",
            "HEAD,   500, InternalError,              TransientStorageException,   server-error,   true",
            "HEAD,   400, BadRequest,                 PermanentStorageException,   rejected,       false",
    })
    void s3Answer_isClassified(Call call, int status, String code, String exception, String reason, boolean retryable) {
        try (FailingS3Server server = FailingS3Server.answering(status, code)) {
            StorageException e = catchThrowableOfType(() -> call(store(server.endpoint(), Duration.ofSeconds(10)), call),
                    StorageException.class);

            assertThat(e).as("a StorageException").isNotNull();
            assertThat(e.getClass().getSimpleName()).isEqualTo(exception);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.retryable()).isEqualTo(retryable);
        }
    }

    /** HEAD answers carry no body, so a 404 cannot say which: it is read as "no such object". */
    @Test
    void headAnswered404_meansTheObjectDoesNotExist() {
        try (FailingS3Server server = FailingS3Server.answering(404, "NoSuchKey")) {
            assertThat(store(server.endpoint(), Duration.ofSeconds(10)).head("photos", "a.jpg")).isEmpty();
        }
    }

    @Test
    void serverThatNeverAnswers_isARetryableTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            StorageException e = catchThrowableOfType(
                    () -> store(silent.endpoint(), Duration.ofMillis(500)).get("photos", "a.jpg", null),
                    StorageException.class);

            assertThat(e).isInstanceOf(TransientStorageException.class);
            assertThat(e.reason()).isEqualTo("timeout");
            assertThat(e.retryable()).isTrue();
        }
    }

    @Test
    void nothingListening_isARetryableNetworkFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        StorageException e = catchThrowableOfType(
                () -> store(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(10))
                        .get("photos", "a.jpg", null),
                StorageException.class);

        assertThat(e).isInstanceOf(TransientStorageException.class);
        assertThat(e.reason()).isEqualTo("network");
        assertThat(e.retryable()).isTrue();
    }

    private static void call(ObjectStore store, Call call) {
        switch (call) {
            case GET -> store.get("photos", "a.jpg", "0123456789abcdef");
            case PUT -> store.put("photos", "thumbnails/a.jpg", new byte[]{1, 2, 3}, "image/jpeg", Map.of(),
                    WriteCondition.ifAbsent());
            case HEAD -> store.head("photos", "a.jpg");
            case DELETE -> store.delete("photos", "thumbnails/a.jpg", "0123456789abcdef");
            default -> throw new IllegalArgumentException(call.name());
        }
    }

    private static ObjectStore store(URI endpoint, Duration callTimeout) {
        S3Client client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        return new S3ObjectStore(() -> client, new S3Timeouts(callTimeout, callTimeout));
    }

    /** Accepts connections and reads nothing, answers nothing, until closed. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new ArrayList<>();

        SilentServer() throws IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = socket.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-s3");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
