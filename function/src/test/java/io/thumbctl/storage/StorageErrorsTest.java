package io.thumbctl.storage;

import io.thumbctl.testing.FailingS3Server;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    @CsvSource(nullValues = "-", value = {
            // call, status, S3 error code, exception, reason, retryable
            // Sources: [S3] the Amazon S3 API Reference's "Error responses" (list of error codes);
            // [common] AWS's "Common Errors" of all services; [SDK] the AWS SDK for Java v2's retry lists
            // (AwsErrorCode THROTTLING_ERROR_CODES / RETRYABLE_ERROR_CODES / DEFINITE_CLOCK_SKEW_ERROR_CODES,
            // SdkDefaultRetrySetting RETRYABLE_STATUS_CODES 500/502/503/504); [ours] this project's rule.
            "GET,    403, AccessDenied,               AccessDeniedException,       access-denied,  true", // [S3] 403; [ours] fixed by configuration
            "PUT,    403, AccessDenied,               AccessDeniedException,       access-denied,  true", // [S3]
            "GET,    403, InvalidAccessKeyId,         AccessDeniedException,       access-denied,  true", // [S3] 403
            "GET,    403, SignatureDoesNotMatch,      AccessDeniedException,       access-denied,  true", // [S3] 403
            "GET,    404, NoSuchKey,                  ObjectGoneException,         gone,           false", // [S3] 404
            "GET,    404, NoSuchBucket,               BucketNotFoundException,     no-such-bucket, true", // [S3] 404; [ours] configuration
            "PUT,    404, NoSuchBucket,               BucketNotFoundException,     no-such-bucket, true", // [S3]
            "DELETE, 404, NoSuchBucket,               BucketNotFoundException,     no-such-bucket, true", // [S3]
            "PUT,    409, ConditionalRequestConflict, PreconditionFailedException, conflict,       true", // [S3] 409
            "PUT,    412, PreconditionFailed,         PreconditionFailedException, conflict,       true", // [S3] 412
            "GET,    412, PreconditionFailed,         PreconditionFailedException, conflict,       true", // [S3]
            "DELETE, 412, PreconditionFailed,         PreconditionFailedException, conflict,       true", // [S3]
            "GET,    429, TooManyRequests,            TransientStorageException,   throttled,      true", // [SDK] throttling status 429
            "GET,    400, Throttling,                 TransientStorageException,   throttled,      true", // [SDK] THROTTLING_ERROR_CODES
            "GET,    400, ThrottlingException,        TransientStorageException,   throttled,      true", // [common] 400; [SDK]
            "GET,    400, RequestLimitExceeded,       TransientStorageException,   throttled,      true", // [SDK]
            "GET,    400, BandwidthLimitExceeded,     TransientStorageException,   throttled,      true", // [SDK]
            "GET,    503, SlowDown,                   TransientStorageException,   throttled,      true", // [S3] 503 "reduce your request rate"
            "PUT,    503, SlowDown,                   TransientStorageException,   throttled,      true", // [S3]
            "GET,    503, ServiceUnavailable,         TransientStorageException,   throttled,      true", // [S3] 503; [common]
            "GET,    500, InternalError,              TransientStorageException,   server-error,   true", // [S3] 500 "Try again"; [SDK] RETRYABLE_ERROR_CODES
            "PUT,    500, InternalError,              TransientStorageException,   server-error,   true", // [S3]
            "GET,    500, InternalFailure,            TransientStorageException,   server-error,   true", // [common] 500
            "PUT,    502, BadGateway,                 TransientStorageException,   server-error,   true", // [SDK] status 502
            "GET,    504, GatewayTimeout,             TransientStorageException,   server-error,   true", // [SDK] status 504
            "GET,    400, RequestTimeout,             TransientStorageException,   timeout,        true", // [S3] 400 socket not read/written in time; [SDK] RETRYABLE_ERROR_CODES
            "PUT,    400, RequestTimeout,             TransientStorageException,   timeout,        true", // [S3]
            "GET,    408, RequestTimeoutException,    TransientStorageException,   timeout,        true", // [common] 408; [SDK] RETRYABLE_ERROR_CODES
            "PUT,    400, IncompleteBody,             TransientStorageException,   timeout,        true", // [S3] 400 body shorter than Content-Length (cut in transit)
            "GET,    400, ExpiredToken,               TransientStorageException,   expired-credentials, true", // [S3] 400 "The provided token has expired"
            "PUT,    400, ExpiredToken,               TransientStorageException,   expired-credentials, true", // [S3]
            "GET,    403, ExpiredTokenException,      TransientStorageException,   expired-credentials, true", // [common] 403
            "GET,    400, TokenRefreshRequired,       TransientStorageException,   expired-credentials, true", // [S3] 400 "must be refreshed"
            "GET,    409, OperationAborted,           TransientStorageException,   busy,           true", // [S3] 409 "conflicting conditional operation ... Try again"
            "PUT,    409, OperationAborted,           TransientStorageException,   busy,           true", // [S3]
            "DELETE, 409, OperationAborted,           TransientStorageException,   busy,           true", // [S3]
            "GET,    400, PriorRequestNotComplete,    TransientStorageException,   busy,           true", // [SDK] RETRYABLE_ERROR_CODES
            "GET,    403, RequestTimeTooSkewed,       TransientStorageException,   clock-skew,     true", // [S3] 403; [SDK] DEFINITE_CLOCK_SKEW_ERROR_CODES
            "GET,    400, RequestExpired,             TransientStorageException,   clock-skew,     true", // [common] 400; [SDK]
            "GET,    400, RequestInTheFuture,         TransientStorageException,   clock-skew,     true", // [SDK]
            "GET,    400, SomethingNobodyDocumented,  TransientStorageException,   s3-error,       true", // [ours] unknown: not known to be permanent
            "GET,    409, BucketNotEmpty,             TransientStorageException,   s3-error,       true", // [ours] not a code our calls expect
            "GET,    400, InvalidRequest,             PermanentStorageException,   rejected,       false", // [S3] 400
            "GET,    400, InvalidArgument,            PermanentStorageException,   rejected,       false", // [S3] 400
            "PUT,    400, EntityTooLarge,             PermanentStorageException,   rejected,       false", // [S3] 400
            "PUT,    400, MetadataTooLarge,           PermanentStorageException,   rejected,       false", // [S3] 400
            "PUT,    400, KeyTooLongError,            PermanentStorageException,   rejected,       false", // [S3] 400
            "PUT,    400, InvalidDigest,              PermanentStorageException,   rejected,       false", // [S3] 400
            "GET,    405, MethodNotAllowed,           PermanentStorageException,   rejected,       false", // [S3] 405
            "GET,    416, InvalidRange,               PermanentStorageException,   rejected,       false", // [S3] 416
            "GET,    403, InvalidObjectState,         PermanentStorageException,   rejected,       false", // [S3] 403 archived object: a retry cannot read it
            "GET,    501, NotImplemented,             PermanentStorageException,   rejected,       false", // [S3] 501 a header implies unimplemented functionality
            // HEAD answers carry no body, hence no error code: the status alone decides.
            "HEAD,   403, -,                          AccessDeniedException,       access-denied,  true", // [S3] 403
            "HEAD,   503, -,                          TransientStorageException,   throttled,      true", // [S3] 503; [SDK]
            "HEAD,   500, -,                          TransientStorageException,   server-error,   true", // [SDK] 500
            "HEAD,   400, -,                          TransientStorageException,   s3-error,       true", // [ours] RequestTimeout, ExpiredToken... look alike
            "HEAD,   409, -,                          TransientStorageException,   s3-error,       true", // [ours] OperationAborted looks like this
            "HEAD,   405, -,                          PermanentStorageException,   rejected,       false", // [ours] the request's own shape
            "HEAD,   416, -,                          PermanentStorageException,   rejected,       false", // [ours]
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
        S3Client client = S3TestServer.clientWithoutRetries(endpoint);
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
