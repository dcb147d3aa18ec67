package io.thumbctl.cli.aws;

import jakarta.inject.Provider;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.function.Supplier;

/**
 * One run's S3 client, built on the first call to {@link #get} (region and credentials lookup
 * happen then, not before), and closed with the run. Thread-safe.
 */
public final class LazyS3Client implements Provider<S3Client>, AutoCloseable {

    private final Supplier<S3Client> build;
    private S3Client client;
    private boolean closed;

    LazyS3Client(Supplier<S3Client> build) {
        this.build = build;
    }

    @Override
    public synchronized S3Client get() {
        if (closed) {
            throw new IllegalStateException("this run's S3 client is closed");
        }
        if (client == null) {
            client = build.get();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
