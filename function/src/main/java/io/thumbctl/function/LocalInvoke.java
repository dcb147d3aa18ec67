package io.thumbctl.function;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Feeds event files to {@link ThumbnailHandler} the way Lambda would, in this JVM, and prints each
 * answer. Configuration comes from the same properties and environment variables as on Lambda
 * (point {@code AWS_SERVICES_S3_ENDPOINT_OVERRIDE} at a local S3-compatible server to try it
 * without AWS).
 *
 * <pre>java -cp function/target/thumbctl-function.jar io.thumbctl.function.LocalInvoke event.json...</pre>
 */
public final class LocalInvoke {

    private LocalInvoke() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LocalInvoke EVENT.json [EVENT.json...]");
            System.exit(2);
        }
        int status = 0;
        try (ThumbnailHandler handler = new ThumbnailHandler()) {
            for (String file : args) {
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                try {
                    handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(file))), answer, null);
                } catch (RuntimeException e) {
                    System.err.println(file + ": invocation failed: " + e.getMessage());
                    status = 1;
                }
                System.out.println(answer.toString(StandardCharsets.UTF_8));
            }
        }
        System.exit(status);
    }
}
