package io.thumbctl.testing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link S3TestServer} as a process, for tools outside the test suite (the benchmarks):
 * creates the named buckets, writes the endpoint URL to a file once it is ready, and serves until
 * the process is stopped.
 *
 * <pre>java -cp TEST_CLASSPATH io.thumbctl.testing.S3ServerMain [--https DIR] [--rtt MS] ENDPOINT_FILE BUCKET...</pre>
 *
 * {@code --https DIR}: HTTPS only, as S3 speaks, with a certificate made for the run in DIR
 * ({@code ca.pem} for boto3's AWS_CA_BUNDLE, {@code truststore.p12} for a JVM, password
 * {@value TestTls#PASSWORD}). {@code --rtt MS}: the endpoint is a {@link LatencyRelay} that adds
 * MS of round trip to every exchange, TLS handshakes included.
 */
public final class S3ServerMain {

    private S3ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path tlsDir = null;
        long rttMillis = 0;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--https" -> tlsDir = Path.of(args[++i]);
                case "--rtt" -> rttMillis = Long.parseLong(args[++i]);
                default -> rest.add(args[i]);
            }
        }
        if (rest.isEmpty()) {
            System.err.println("usage: S3ServerMain [--https DIR] [--rtt MS] ENDPOINT_FILE [BUCKET...]");
            System.exit(2);
        }
        S3TestServer server;
        if (tlsDir != null) {
            Files.createDirectories(tlsDir);
            TestTls.useFrom(TestTls.createIn(tlsDir));
            server = S3TestServer.startHttps();
        } else {
            server = S3TestServer.start();
        }
        for (String bucket : rest.subList(1, rest.size())) {
            server.createBucket(bucket);
        }
        URI endpoint = server.endpoint();
        if (rttMillis > 0) {
            LatencyRelay relay = LatencyRelay.start(
                    new InetSocketAddress("127.0.0.1", endpoint.getPort()), Duration.ofMillis(rttMillis));
            endpoint = URI.create(endpoint.getScheme() + "://127.0.0.1:" + relay.port());
        }
        // Written whole, then renamed: a reader polling for the file never sees half a URL.
        Path target = Path.of(rest.get(0));
        Path partial = Path.of(rest.get(0) + ".tmp");
        Files.writeString(partial, endpoint.toString());
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("S3ServerMain: stopping the server failed: " + e);
            }
        }));
        new CountDownLatch(1).await();
    }
}
