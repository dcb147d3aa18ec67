package io.thumbctl.crypto;

import io.thumbctl.testing.ForkedFunction;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function's own TLS to S3 runs on AWS-LC: the handler, started as Lambda starts it in a JVM of
 * its own, makes a thumbnail over HTTPS while the JDK reports ({@code java.security.debug=provider,engine=cipher})
 * which provider each AES-GCM cipher of the connection came from. Where the native library cannot
 * load, the same upload still works, on the JDK's providers, with one warning line.
 */
class NativeCryptoTlsTest {

    private static final String BUCKET = "crypto";
    private static S3TestServer server;
    private static byte[] photo;

    @BeforeAll
    static void start() {
        server = S3TestServer.startHttps();
        server.createBucket(BUCKET);
        photo = TestImages.jpeg(1600, 1200);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void functionOverHttps_encryptsAndDecryptsWithAwsLc(@TempDir Path dir) throws Exception {
        Run run = runFunction(dir, "native.jpg", List.of(), Map.of());

        assertThat(run.stdout).contains("\"outcome\":\"created\"").contains("aes-gcm from: " + NativeCryptoProvider.NAME);
        assertThat(run.cipherLines()).as("the connection's AES-GCM ciphers")
                .anyMatch(line -> line.contains("mode: decryption, algorithm from: " + NativeCryptoProvider.NAME))
                .anyMatch(line -> line.contains("mode: encryption, algorithm from: " + NativeCryptoProvider.NAME))
                .noneMatch(line -> line.contains("from: SunJCE"));
        assertThat(run.warnings()).isEmpty();
        assertThat(server.head(BUCKET, "thumbnails/native.jpg")).isPresent();
    }

    @Test
    void nativeLibraryThatCannotLoad_leavesTlsToTheJdkWithOneWarning(@TempDir Path dir) throws Exception {
        // ACCP copies its library to a directory it makes under this one before loading it: here it cannot
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        Run run = runFunction(dir, "fallback.jpg",
                List.of("-Dcom.amazon.corretto.crypto.provider.tmpdir=" + notADirectory.resolve("sub")), Map.of());

        assertThat(run.stdout).contains("\"outcome\":\"created\"").contains("aes-gcm from: SunJCE");
        assertThat(run.cipherLines()).anyMatch(line -> line.contains("mode: decryption, algorithm from: SunJCE"))
                .noneMatch(line -> line.contains(NativeCryptoProvider.NAME));
        assertThat(run.warnings()).hasSize(1).allMatch(line -> line.contains("native crypto unavailable"));
        assertThat(server.head(BUCKET, "thumbnails/fallback.jpg")).isPresent();
    }

    @Test
    void switchedOff_leavesTlsToTheJdkSilently(@TempDir Path dir) throws Exception {
        Run run = runFunction(dir, "switched-off.jpg", List.of(), Map.of(NativeCrypto.SWITCH, "false"));

        assertThat(run.stdout).contains("\"outcome\":\"created\"").contains("aes-gcm from: SunJCE");
        assertThat(run.warnings()).isEmpty();
    }

    private record Run(String stdout, List<String> stderr) {
        List<String> cipherLines() {
            return stderr.stream().filter(line -> line.contains("Cipher.AES/GCM/NoPadding")).toList();
        }

        /** Log lines at WARN, wherever the function logged them (its JSON lines go to stdout, as on Lambda). */
        List<String> warnings() {
            return java.util.stream.Stream.concat(stdout.lines(), stderr.stream())
                    .filter(line -> line.contains("\"level\":\"WARN\"") || line.contains(" WARN ")).toList();
        }
    }

    /** Uploads the photo as {@code key}, then runs the function on its ObjectCreated event. */
    private static Run runFunction(Path dir, String key, List<String> jvmFlags, Map<String, String> env)
            throws IOException, InterruptedException {
        String keyEtag = server.put(BUCKET, key, photo, "image/jpeg");
        Path event = dir.resolve("event.json");
        Files.write(event, S3Events.event(S3Events.created(BUCKET, key, photo.length, keyEtag)));
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.putIfAbsent(NativeCrypto.SWITCH, "");
        ForkedFunction.Result run = ForkedFunction.run(server, event,
                java.util.stream.Stream.concat(Stream.of("-XX:TieredStopAtLevel=1",
                        "-Djava.security.debug=provider,engine=cipher"), jvmFlags.stream()).toList(),
                environment, Duration.ofSeconds(120));
        String stdout = run.stdout();
        List<String> stderr = run.stderr();
        assertThat(run.exit()).as("exit value; stdout:%n%s%nstderr tail:%n%s", stdout,
                String.join("\n", stderr.subList(Math.max(0, stderr.size() - 30), stderr.size()))).isZero();
        return new Run(stdout, stderr);
    }
}
