package io.thumbctl.cli.aws;

import jakarta.inject.Provider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.function.Supplier;

/**
 * One of a run's AWS clients, built on the first call to {@link #get} (region and credentials
 * lookup happen then, not before), and closed with the run. Thread-safe.
 *
 * @param <C> the SDK client
 */
public final class LazyClient<C extends SdkAutoCloseable> implements Provider<C>, AutoCloseable {

    private final String name;
    private final Supplier<C> build;
    private C client;
    private boolean closed;

    LazyClient(String name, Supplier<C> build) {
        this.name = name;
        this.build = build;
    }

    @Override
    public synchronized C get() {
        if (closed) {
            throw new IllegalStateException("this run's " + name + " client is closed");
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
