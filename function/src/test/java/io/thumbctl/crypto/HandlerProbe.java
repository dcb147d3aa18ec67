package io.thumbctl.crypto;

import io.thumbctl.function.ThumbnailHandler;
import io.thumbctl.testing.TestLambdaContext;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The function as the Lambda runtime starts it (its no-argument constructor: warm-up, native
 * crypto, context), invoked once on an event file, in a JVM of its own so that JVM-wide things
 * (the JCA's providers, {@code java.security.debug}) are as on Lambda. Prints the answer, then
 * the provider of AES-GCM.
 *
 * <pre>java -cp TEST_CLASSPATH io.thumbctl.crypto.HandlerProbe EVENT.json</pre>
 */
public final class HandlerProbe {

    private HandlerProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (ThumbnailHandler handler = new ThumbnailHandler()) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.handleRequest(Files.newInputStream(Path.of(args[0])), answer, TestLambdaContext.withTimeout(60_000));
            System.out.println("answer: " + answer);
            System.out.println("aes-gcm from: " + NativeCrypto.aesGcmProvider().getName());
        }
    }
}
