package io.thumbctl.storage;

import com.sun.net.httpserver.HttpServer;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A GET's body is read into one array of the announced length, a body that ends early is an
 * error, and no body is read past the caller's cap: through {@code get()} and the real SDK, from
 * an endpoint that answers with a length and without one (chunked, as a proxy may send it).
 */
class ReadBodyTest {

    static final byte[] OBJECT = object(300_000);

    @Test
    void bodyOfTheAnnouncedLength_isReadWhole() throws IOException {
        byte[] body = new byte[100_000];
        body[99_999] = 7;

        byte[] read = S3ObjectStore.readBody(new ByteArrayInputStream(body), 100_000L);

        assertThat(read).hasSize(100_000).isEqualTo(body);
    }

    @Test
    void bodyEndingBeforeItsLength_isAnError_neverAShortImage() {
        assertThatThrownBy(() -> S3ObjectStore.readBody(new ByteArrayInputStream(new byte[600]), 1000L))
                .isInstanceOf(IOException.class).hasMessageContaining("after 600 of 1000 bytes");
    }

    @Test
    void getOfABodyWithoutALength_readsItToItsEnd() {
        try (ObjectEndpoint endpoint = ObjectEndpoint.chunked()) {
            StoredObject got = endpoint.store().get("photos", "a.jpg", null);

            assertThat(got.content()).isEqualTo(OBJECT);
            assertThat(got.info().size()).isEqualTo(OBJECT.length);
        }
    }

    @Test
    void getOfABodyWithoutALength_overTheCap_isTooLarge_andStopsReadingPastIt() {
        try (ObjectEndpoint endpoint = ObjectEndpoint.chunked()) {
            assertThatThrownBy(() -> endpoint.store().get("photos", "a.jpg", null, 100_000))
                    .isInstanceOf(ObjectTooLargeException.class)
                    .hasMessageContaining("more than 100000")
                    .satisfies(e -> assertThat(((StorageException) e).retryable()).isFalse())
                    .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo("too-large"));
        }
    }

    @Test
    void getOfABodyWithALength_overTheCap_isTooLarge() {
        try (ObjectEndpoint endpoint = ObjectEndpoint.withLength()) {
            assertThatThrownBy(() -> endpoint.store().get("photos", "a.jpg", null, OBJECT.length - 1))
                    .isInstanceOf(ObjectTooLargeException.class).hasMessageContaining("has " + OBJECT.length + " bytes");
            assertThat(endpoint.store().get("photos", "a.jpg", null, OBJECT.length).content()).isEqualTo(OBJECT);
        }
    }

    private static byte[] object(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        bytes[size - 1] = 7;
        return bytes;
    }

    /** Answers every GET with {@link #OBJECT}, with a Content-Length or chunked without one. */
    private static final class ObjectEndpoint implements AutoCloseable {
        private final HttpServer server;

        private ObjectEndpoint(boolean chunked) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
                exchange.getResponseHeaders().add("ETag", "\"0123456789abcdef\"");
                exchange.sendResponseHeaders(200, chunked ? 0 : OBJECT.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(OBJECT);
                } catch (IOException clientStoppedReading) {
                    // the cap was reached: the client closed the connection
                }
                exchange.close();
            });
            server.start();
        }

        static ObjectEndpoint chunked() {
            return new ObjectEndpoint(true);
        }

        static ObjectEndpoint withLength() {
            return new ObjectEndpoint(false);
        }

        ObjectStore store() {
            S3Client client = S3TestServer.clientWithoutRetries(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
            return new S3ObjectStore(() -> client);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
