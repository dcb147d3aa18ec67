package io.thumbctl.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the arm64 jar's library is found on Lambda, tried with this machine's own build: the library
 * in a directory on {@code LD_LIBRARY_PATH} (Lambda's lists {@code /var/task/lib}, where the jar's
 * {@code lib/} lands), and ACCP told to use the system's library, as {@link NativeCrypto} tells it
 * on aarch64. Without that directory on the path, the same JVM falls back to the JDK's providers.
 */
class LibraryPathLoadTest {

    private static final String LIBRARY = "libamazonCorrettoCryptoProvider.so";

    @Test
    void libraryOnTheLibraryPath_isLoadedFromThere(@TempDir Path taskRoot) throws Exception {
        Path lib = Files.createDirectories(taskRoot.resolve("lib"));
        try (InputStream in = AmazonCorrettoCryptoProvider.class.getResourceAsStream(LIBRARY)) {
            Files.copy(in, lib.resolve(LIBRARY));
        }

        assertThat(probe(lib.toString())).isEqualTo("active=true aes-gcm from: " + NativeCryptoProvider.NAME);
        assertThat(probe(taskRoot.resolve("empty").toString())).isEqualTo("active=false aes-gcm from: SunJCE");
    }

    private static String probe(String libraryPath) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dcom.amazon.corretto.crypto.provider.useExternalLib=true",
                CryptoProbe.class.getName())).redirectErrorStream(false);
        builder.environment().put("LD_LIBRARY_PATH", libraryPath);
        builder.environment().remove(NativeCrypto.SWITCH);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().reduce((a, b) -> b).orElse("");
    }
}
