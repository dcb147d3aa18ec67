package io.thumbctl.cli.job;

import io.thumbctl.cli.aws.ClientTimeouts;
import io.thumbctl.testing.S3FaultRelay;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Manifest uploads against a real S3-compatible server: one PUT, or parts streamed from the file. */
class ManifestUploadTest {

    static S3TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = S3TestServer.start();
        server.createBucket("reports");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    Path manifest(long bytes) throws IOException {
        Path file = dir.resolve("manifest.csv");
        byte[] line = "photos,camera/IMG_0001%20copy.jpg\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += line.length) {
                out.write(line);
            }
        }
        return file;
    }

    @Test
    void smallManifest_isOnePut_andItsEtagIsReturnedWithoutQuotes() throws IOException {
        Path file = manifest(10_000);

        String etag = new ManifestUpload(server.client(), ClientTimeouts.defaults()).upload(file, "reports", "m/small.csv", "123456789012");

        assertThat(server.get("reports", "m/small.csv")).isEqualTo(Files.readAllBytes(file));
        assertThat(etag).doesNotContain("\"")
                .isEqualTo(server.head("reports", "m/small.csv").orElseThrow().eTag().replace("\"", ""));
    }

    @Test
    void largeManifest_goesUpInParts_streamedFromTheFile() throws IOException {
        Path file = manifest(11L << 20);

        String etag = new ManifestUpload(server.client(), ClientTimeouts.defaults(), ManifestUpload.MIN_PART_SIZE)
                .upload(file, "reports", "m/large.csv", "123456789012");

        assertThat(server.get("reports", "m/large.csv")).isEqualTo(Files.readAllBytes(file));
        assertThat(etag).endsWith("-3");
    }

    @Test
    void refusedWrite_isARefusalNamingTheBucketAndAccount() throws Exception {
        try (S3FaultRelay relay = S3FaultRelay.inFrontOf(server.endpoint());
             S3Client client = S3Client.builder().endpointOverride(relay.endpoint()).region(Region.US_EAST_1)
                     .forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                     .build()) {
            relay.inject("reports", "m/denied.csv", S3FaultRelay.Fault.of(S3FaultRelay.Kind.DENY));
            Path file = manifest(100);

            assertThatThrownBy(() -> new ManifestUpload(client, ClientTimeouts.defaults()).upload(file, "reports", "m/denied.csv", "123456789012"))
                    .isInstanceOf(JobRefusedException.class)
                    .hasMessage("cannot write the manifest to s3://reports/m/denied.csv: access denied (the bucket is "
                            + "not in account 123456789012, or you lack s3:PutObject there)");
        }
    }
}
