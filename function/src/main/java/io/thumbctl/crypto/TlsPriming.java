package io.thumbctl.crypto;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Runs the JDK's TLS client through the work of an S3 request, in memory, before a SnapStart
 * snapshot: handshakes (the server's RSA certificate checked as S3's is), then a download and an
 * upload, record by record, through the same JSSE record layer and ciphers a connection to S3
 * uses. So the restored environment finds TLS's classes loaded and its Java code compiled, and
 * no connection, key or session is in the snapshot (each engine pair is discarded).
 *
 * <p>The server side uses a key bundled for this alone ({@code priming-tls.p12}): it never
 * leaves the process, and the function's real client does not trust it.
 */
public final class TlsPriming {

    private static final String STORE = "priming-tls.p12";
    private static final char[] STORE_PASSWORD = "priming".toCharArray();
    /** Safety stop for a handshake that would not end (a broken JDK or provider). */
    private static final int MAX_HANDSHAKE_STEPS = 200;

    private final SSLContext server;
    private final SSLContext client;

    private TlsPriming(SSLContext server, SSLContext client) {
        this.server = server;
        this.client = client;
    }

    /**
     * What priming did.
     *
     * @param handshakes      full handshakes made
     * @param bytes           application bytes carried, both ways
     * @param protocol        the protocol negotiated, as with S3 ({@code TLSv1.3})
     * @param cipherSuite     the suite negotiated
     * @param aesGcmProvider  the JCA provider AES-GCM came from meanwhile
     */
    public record Result(int handshakes, long bytes, String protocol, String cipherSuite, String aesGcmProvider) {
    }

    /** The client and server contexts, over the bundled key. */
    public static TlsPriming create() {
        try (InputStream in = TlsPriming.class.getResourceAsStream(STORE)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource io/thumbctl/crypto/" + STORE);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(keys.getKeyManagers(), null, null);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, trust.getTrustManagers(), null);
            return new TlsPriming(server, client);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not set up TLS priming", e);
        }
    }

    /**
     * Makes {@code connections} connections, each a handshake, then {@code download} bytes from
     * the server and {@code upload} bytes to it.
     */
    public Result run(int connections, int download, int upload) {
        try {
            long carried = 0;
            String protocol = null;
            String suite = null;
            for (int i = 0; i < connections; i++) {
                SSLEngine clientEngine = client.createSSLEngine("s3.amazonaws.com", 443);
                clientEngine.setUseClientMode(true);
                SSLEngine serverEngine = server.createSSLEngine();
                serverEngine.setUseClientMode(false);
                Pair pair = new Pair(clientEngine, serverEngine);
                pair.handshake();
                carried += pair.send(serverEngine, clientEngine, download);
                carried += pair.send(clientEngine, serverEngine, upload);
                protocol = clientEngine.getSession().getProtocol();
                suite = clientEngine.getSession().getCipherSuite();
                clientEngine.closeOutbound();
                serverEngine.closeOutbound();
            }
            return new Result(connections, carried, protocol, suite, NativeCrypto.aesGcmProvider().getName());
        } catch (SSLException e) {
            throw new IllegalStateException("TLS priming failed: " + e.getMessage(), e);
        }
    }

    /** Two engines wired to each other through two network buffers. */
    private static final class Pair {
        private final SSLEngine client;
        private final SSLEngine server;
        private final ByteBuffer toServer;
        private final ByteBuffer toClient;
        private final ByteBuffer appIn;
        private final ByteBuffer empty = ByteBuffer.allocate(0);

        Pair(SSLEngine client, SSLEngine server) {
            this.client = client;
            this.server = server;
            int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
            int app = Math.max(client.getSession().getApplicationBufferSize(), server.getSession().getApplicationBufferSize());
            this.toServer = ByteBuffer.allocate(packet * 4);
            this.toClient = ByteBuffer.allocate(packet * 4);
            this.appIn = ByteBuffer.allocate(app * 4);
        }

        void handshake() throws SSLException {
            client.beginHandshake();
            server.beginHandshake();
            for (int step = 0; step < MAX_HANDSHAKE_STEPS; step++) {
                if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                    return;
                }
                client.wrap(empty, toServer);
                runTasks(client);
                server.wrap(empty, toClient);
                runTasks(server);
                deliver(toServer, server);
                deliver(toClient, client);
            }
            throw new SSLException("the handshake did not end within " + MAX_HANDSHAKE_STEPS + " steps");
        }

        /** Sends {@code length} bytes from one engine to the other, a record at a time. */
        long send(SSLEngine from, SSLEngine to, int length) throws SSLException {
            ByteBuffer net = from == client ? toServer : toClient;
            ByteBuffer data = ByteBuffer.allocate(length);
            long received = 0;
            while (data.hasRemaining()) {
                SSLEngineResult wrapped = from.wrap(data, net);
                runTasks(from);
                received += deliver(net, to);
                if (wrapped.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("the engine closed while sending: " + wrapped);
                }
            }
            return received + deliver(net, to);
        }

        /** Unwraps what {@code net} holds into {@code engine}; returns the application bytes it gave. */
        private long deliver(ByteBuffer net, SSLEngine engine) throws SSLException {
            long total = 0;
            net.flip();
            while (net.hasRemaining()) {
                appIn.clear();
                SSLEngineResult result = engine.unwrap(net, appIn);
                runTasks(engine);
                total += result.bytesProduced();
                if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0) {
                    break;
                }
            }
            net.compact();
            return total;
        }

        private static boolean done(SSLEngine engine) {
            HandshakeStatus status = engine.getHandshakeStatus();
            return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
        }

        private static void runTasks(SSLEngine engine) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }
}
