package io.thumbctl.storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real {@link S3Client} whose HTTP layer is an in-memory stand-in: every request goes through
 * the SDK's whole pipeline (endpoint rules, signing, checksums, marshalling, error mapping) and
 * stops at a stub that answers like S3 would. Nothing leaves the process, no credentials are
 * looked up and no connection is opened.
 *
 * <p>For SnapStart priming: running the real code path against it before the snapshot loads and
 * compiles what the first invocation needs, without writing to S3 or capturing credentials or
 * sockets in the snapshot. The stub answers HEAD with 404 (no thumbnail yet), GET with the object
 * it was given, PUT and DELETE with success.
 */
public final class OfflineS3 implements AutoCloseable {

    private static final String ETAG = "\"0123456789abcdef0123456789abcdef\"";

    private final StubHttp http;
    private final S3Client client;

    private OfflineS3(byte[] object) {
        this.http = new StubHttp(object);
        this.client = S3Client.builder()
                .httpClient(http)
                .region(Region.US_EAST_1)
                // Fixed dummy keys: the request is signed as for real, but the default provider
                // chain (which would read the function's real credentials) is never consulted.
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("offline", "offline")))
                .build();
    }

    /** A stand-in S3 where every GET returns {@code object}. */
    public static OfflineS3 serving(byte[] object) {
        return new OfflineS3(object);
    }

    /** The store the function uses, over the stand-in. */
    public ObjectStore store() {
        return new S3ObjectStore(() -> client);
    }

    /** The requests the stand-in answered, as {@code METHOD /path}, in order. */
    public List<String> requests() {
        return List.copyOf(http.seen);
    }

    @Override
    public void close() {
        client.close();
    }

    private static final class StubHttp implements SdkHttpClient {
        private final byte[] object;
        private final List<String> seen = new CopyOnWriteArrayList<>();

        StubHttp(byte[] object) {
            this.object = object;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    return answer(request);
                }

                @Override
                public void abort() {
                    // nothing in flight
                }
            };
        }

        private HttpExecuteResponse answer(HttpExecuteRequest request) throws IOException {
            SdkHttpMethod method = request.httpRequest().method();
            seen.add(method + " " + request.httpRequest().encodedPath());
            if (request.contentStreamProvider().isPresent()) {
                // Read the body as a server would, so the SDK's streaming and checksum code runs.
                try (InputStream body = request.contentStreamProvider().get().newStream()) {
                    body.transferTo(OutputStream.nullOutputStream());
                }
            }
            SdkHttpFullResponse.Builder response = SdkHttpFullResponse.builder()
                    .putHeader("x-amz-request-id", "offline")
                    .putHeader("Date", "Sun, 22 Nov 2026 00:00:00 GMT");
            byte[] body = new byte[0];
            switch (method) {
                case HEAD -> response.statusCode(404);
                case GET -> {
                    body = object;
                    response.statusCode(200).putHeader("ETag", ETAG).putHeader("Content-Type", "image/jpeg")
                            .putHeader("Last-Modified", "Sun, 22 Nov 2026 00:00:00 GMT");
                }
                case DELETE -> response.statusCode(204);
                default -> response.statusCode(200).putHeader("ETag", ETAG);
            }
            response.putHeader("Content-Length", Integer.toString(body.length));
            return HttpExecuteResponse.builder()
                    .response(response.build())
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                    .build();
        }

        @Override
        public String clientName() {
            return "offline";
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
