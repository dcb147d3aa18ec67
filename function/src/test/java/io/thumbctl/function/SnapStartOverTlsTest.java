package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.thumbctl.crypto.NativeCrypto;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import io.thumbctl.testing.TestLambdaContext;
import org.crac.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart's order of things with the native crypto installed: the function is built, its
 * beforeCheckpoint hook primes (TLS in memory included), afterRestore runs, and the first upload
 * then goes to S3 over TLS on the native ciphers. What the crypto needs across a restore is
 * nothing: it never drew a random number (keys and randoms stay with the JDK's SecureRandom).
 */
class SnapStartOverTlsTest {

    private static S3TestServer s3;

    @BeforeAll
    static void start() {
        assertThat(NativeCrypto.install().active()).isTrue();
        s3 = S3TestServer.startHttps();
        s3.createBucket("photos");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void primedThenRestored_makesTheFirstThumbnailOverTlsOnTheNativeCiphers() throws Exception {
        List<Resource> hooks = new ArrayList<>();
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(s3.clientProperties()).start();
             ThumbnailHandler handler = new ThumbnailHandler(context, hooks::add)) {
            hooks.get(0).beforeCheckpoint(null);
            hooks.get(0).afterRestore(null);
            byte[] photo = TestImages.jpeg(1200, 900);
            String etag = s3.put("photos", "restored.jpg", photo, "image/jpeg");

            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(S3Events.event(
                    S3Events.created("photos", "restored.jpg", photo.length, etag))), answer,
                    TestLambdaContext.withTimeout(60_000));

            assertThat(answer.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"created\"");
            assertThat(s3.head("photos", "thumbnails/restored.jpg")).isPresent();
            assertThat(NativeCrypto.aesGcmProvider().getName()).isEqualTo("ThumbctlNativeCrypto");
            assertThat(new SecureRandom().getProvider().getName()).as("randomness after the restore").isEqualTo("SUN");
        }
    }
}
