package io.thumbctl.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay that adds a network's latency between a client and a server on this machine: every
 * chunk of bytes, in either direction, is delivered half the round-trip time after it arrived,
 * without limiting bandwidth. It works below TLS, so the TLS handshake's flights pay the round
 * trips they pay on a real network, and every HTTP request pays at least one.
 *
 * <p>A benchmark tool (what each round trip to S3 costs), not a fault injector: see
 * {@link S3FaultRelay} for that.
 */
public final class LatencyRelay implements AutoCloseable {

    private static final byte[] END = new byte[0];

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final long oneWayNanos;
    private volatile boolean closed;

    private LatencyRelay(InetSocketAddress upstream, Duration roundTrip) throws IOException {
        this.upstream = upstream;
        this.oneWayNanos = roundTrip.toNanos() / 2;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "latency-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on 127.0.0.1 (an ephemeral port) and relays to {@code upstream} with {@code roundTrip}. */
    public static LatencyRelay start(InetSocketAddress upstream, Duration roundTrip) throws IOException {
        return new LatencyRelay(upstream, roundTrip);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(upstream.getAddress(), upstream.getPort());
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger(2);
                pipe(client, target, "up", open);
                pipe(target, client, "down", open);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("latency relay: " + e);
                }
            }
        }
    }

    /** One direction: a reader stamps each chunk, a writer delivers it once its delay is over. */
    private void pipe(Socket from, Socket to, String direction, java.util.concurrent.atomic.AtomicInteger open) {
        BlockingQueue<Stamped> queue = new LinkedBlockingQueue<>();
        daemon("latency-relay-read-" + direction, () -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    queue.add(new Stamped(System.nanoTime() + oneWayNanos, java.util.Arrays.copyOf(buffer, n)));
                }
            } catch (IOException e) {
                // the peer closed or reset: pass the end on
            }
            queue.add(new Stamped(System.nanoTime() + oneWayNanos, END));
        });
        daemon("latency-relay-write-" + direction, () -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Stamped chunk = queue.take();
                    long wait = chunk.due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (chunk.bytes == END) {
                        to.shutdownOutput();
                        if (open.decrementAndGet() == 0) {
                            closeQuietly(from);
                            closeQuietly(to);
                        }
                        return;
                    }
                    out.write(chunk.bytes);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed: nothing left to release
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }

    private record Stamped(long due, byte[] bytes) {
    }
}
