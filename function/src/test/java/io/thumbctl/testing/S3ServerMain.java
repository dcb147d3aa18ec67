package io.thumbctl.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link S3TestServer} as a process, for tools outside the test suite (the cold-start
 * benchmark): creates the named buckets, writes the endpoint URL to a file once it is ready,
 * and serves until the process is stopped.
 *
 * <pre>java -cp TEST_CLASSPATH io.thumbctl.testing.S3ServerMain ENDPOINT_FILE BUCKET...</pre>
 */
public final class S3ServerMain {

    private S3ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: S3ServerMain ENDPOINT_FILE [BUCKET...]");
            System.exit(2);
        }
        S3TestServer server = S3TestServer.start();
        for (int i = 1; i < args.length; i++) {
            server.createBucket(args[i]);
        }
        // Written whole, then renamed: a reader polling for the file never sees half a URL.
        Path target = Path.of(args[0]);
        Path partial = Path.of(args[0] + ".tmp");
        Files.writeString(partial, server.endpoint().toString());
        Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // the process is ending anyway
            }
        }));
        new CountDownLatch(1).await();
    }
}
