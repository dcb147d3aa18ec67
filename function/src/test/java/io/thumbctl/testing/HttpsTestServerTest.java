package io.thumbctl.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test server on HTTPS, as S3 speaks: trusted by the test client only, and through the latency relay. */
class HttpsTestServerTest {

    private static S3TestServer server;

    @BeforeAll
    static void start() {
        server = S3TestServer.startHttps();
        server.createBucket("tls");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void httpsServer_roundTripsAnObjectForAClientThatTrustsTheTestCertificate() {
        assertThat(server.endpoint().getScheme()).isEqualTo("https");

        server.put("tls", "a b+c.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(new String(server.get("tls", "a b+c.txt"), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void httpsServer_isRefusedByAClientWithTheDefaultTrust() {
        try (S3Client stranger = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))
                .build()) {
            assertThatThrownBy(() -> stranger.listBuckets())
                    .isInstanceOf(SdkClientException.class)
                    .hasStackTraceContaining("PKIX");
        }
    }

    @Test
    void latencyRelay_carriesTlsToTheServer() throws Exception {
        try (LatencyRelay relay = LatencyRelay.start(
                new InetSocketAddress("127.0.0.1", server.endpoint().getPort()), Duration.ofMillis(4));
             S3Client client = S3TestServer.clientFor(URI.create("https://127.0.0.1:" + relay.port()))) {
            server.put("tls", "relayed.txt", new byte[300_000], "application/octet-stream");

            byte[] body = client.getObjectAsBytes(b -> b.bucket("tls").key("relayed.txt")).asByteArray();

            assertThat(body).hasSize(300_000);
        }
    }
}
