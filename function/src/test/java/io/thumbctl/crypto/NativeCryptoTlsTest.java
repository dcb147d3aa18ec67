package io.thumbctl.crypto;

import io.thumbctl.testing.ForkedFunction;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function's own TLS to S3 runs on AWS-LC: the handler, started as Lambda starts it in a JVM of
 * its own, makes a thumbnail over HTTPS while the JDK reports ({@code java.security.debug=provider,engine=cipher})
 * which provider each AES-GCM cipher of the connection came from. Where the native library cannot
 * load, the same upload still works, on the JDK's providers, with one warning line. The three
 * functions run side by side, started before the tests.
 */
class NativeCryptoTlsTest {

    private static final String BUCKET = "crypto";
    private static S3TestServer server;
    private static byte[] photo;
    private static Path dir;
    /** The three functions run side by side (each in its own JVM), each test looks at one. */
    private static CompletableFuture<Run> nativeRun;
    private static CompletableFuture<Run> fallbackRun;
    private static CompletableFuture<Run> switchedOffRun;

    @BeforeAll
    static void start() throws IOException {
        server = S3TestServer.startHttps();
        server.createBucket(BUCKET);
        photo = TestImages.jpeg(1600, 1200);
        dir = Files.createTempDirectory("native-crypto-test");
        // ACCP copies its library to a directory it makes under this one before loading it: here it cannot
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        nativeRun = launch("native.jpg", List.of(), Map.of());
        fallbackRun = launch("fallback.jpg",
                List.of("-Dcom.amazon.corretto.crypto.provider.tmpdir=" + notADirectory.resolve("sub")), Map.of());
        switchedOffRun = launch("switched-off.jpg", List.of(), Map.of(NativeCrypto.SWITCH, "false"));
    }

    @AfterAll
    static void stop() throws Exception {
        CompletableFuture.allOf(nativeRun, fallbackRun, switchedOffRun).exceptionally(e -> null).join();
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void functionOverHttps_encryptsAndDecryptsWithAwsLc() throws Exception {
        Run run = nativeRun.get();

        assertThat(run.stdout).contains("\"outcome\":\"created\"").contains("aes-gcm from: " + NativeCryptoProvider.NAME);
        assertThat(run.cipherLines()).as("the connection's AES-GCM ciphers")
                .anyMatch(line -> line.contains("mode: decryption, algorithm from: " + NativeCryptoProvider.NAME))
                .anyMatch(line -> line.contains("mode: encryption, algorithm from: " + NativeCryptoProvider.NAME))
                .noneMatch(line -> line.contains("from: SunJCE"));
        assertThat(run.warnings()).isEmpty();
        assertThat(server.head(BUCKET, "thumbnails/native.jpg")).isPresent();
    }

    @Test
    void nativeLibraryThatCannotLoad_leavesTlsToTheJdkWithOneWarning() throws Exception {
        Run run = fallbackRun.get();

        assertThat(run.stdout).contains("\"outcome\":\"created\"").contains("aes-gcm from: SunJCE");
        assertThat(run.cipherLines()).anyMatch(line -> line.contains("mode: decryption, algorithm from: SunJCE"))
                .noneMatch(line -> line.contains(NativeCryptoProvider.NAME));
        assertThat(run.warnings()).hasSize(1).allMatch(line -> line.contains("native crypto unavailable"));
        assertThat(server.head(BUCKET, "thumbnails/fallback.jpg")).isPresent();
    }

    @Test
    void switchedOff_leavesTlsToTheJdkSilently() throws Exception {
        Run run = switchedOffRun.get();

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

    private static CompletableFuture<Run> launch(String key, List<String> jvmFlags, Map<String, String> env) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return runFunction(key, jvmFlags, env);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, command -> new Thread(command, "function-" + key).start());
    }

    /** Uploads the photo as {@code key}, then runs the function on its ObjectCreated event. */
    private static Run runFunction(String key, List<String> jvmFlags, Map<String, String> env)
            throws IOException, InterruptedException {
        String keyEtag = server.put(BUCKET, key, photo, "image/jpeg");
        Path event = dir.resolve(key + ".json");
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
