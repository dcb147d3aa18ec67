package io.thumbctl.function;

import io.thumbctl.crypto.NativeCrypto;
import io.thumbctl.testing.TestLambdaContext;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The function as the Lambda runtime starts it (its no-argument constructor), invoked once on an
 * event file in a JVM of its own, for tests that need a JVM of Lambda's shape (a small heap, say).
 * Prints {@code answer: <the answer>}, then {@code aes-gcm from: <provider>} (whose AES-GCM the
 * JCA hands out: TLS's); the function's log lines go to stdout as on Lambda. Started by
 * {@link io.thumbctl.testing.ForkedFunction}.
 *
 * <pre>java -cp TEST_CLASSPATH io.thumbctl.function.HandlerOnce EVENT.json</pre>
 */
public final class HandlerOnce {

    private HandlerOnce() {
    }

    public static void main(String[] args) throws Exception {
        try (ThumbnailHandler handler = new ThumbnailHandler()) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.handleRequest(Files.newInputStream(Path.of(args[0])), answer, TestLambdaContext.withTimeout(120_000));
            System.out.println("answer: " + answer);
            System.out.println("aes-gcm from: " + NativeCrypto.aesGcmProvider().getName());
        }
    }
}
