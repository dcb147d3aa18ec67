package io.thumbctl.cli.local;

import io.thumbctl.cli.local.jobs.JobApiMount;
import jakarta.servlet.http.HttpServlet;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * An S3-compatible endpoint on 127.0.0.1 (s3proxy) over a filesystem store: each bucket is a
 * directory under the data directory and each object a file in it, with its metadata in extended
 * attributes, so everything survives a restart. Requests signed with any credentials are accepted.
 * Every object created or removed through it is announced to the listener. The same host and port
 * also answer S3 Control's job API ({@link JobApiMount}).
 */
final class LocalS3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalS3Server.class);

    static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final BlobStore store;
    private final URI endpoint;

    private LocalS3Server(S3Proxy proxy, BlobStore store) {
        this.proxy = proxy;
        this.store = store;
        this.endpoint = URI.create("http://" + HOST + ":" + proxy.getPort());
    }

    /** @throws LocalStartException when the data directory or the port cannot be used */
    static LocalS3Server start(int port, Path dataDir, Consumer<ObjectChange> listener, HttpServlet jobApi) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new LocalStartException("cannot use " + dataDir + " as the data directory: " + e, e);
        }
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
        BlobStore store = new NotifyingBlobStore(BlobStores.create("filesystem", props), listener);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + HOST + ":" + port))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                // the AWS CLI and SDKs send headers s3proxy does not know (checksum algorithms, ...)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            JobApiMount.mount(proxy, jobApi);
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            stopQuietly(proxy);
            store.close();
            throw new LocalStartException(bindFailure(e, port), e);
        }
        return new LocalS3Server(proxy, store);
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                throw new IllegalStateException("the S3 server did not start (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
    }

    private static String bindFailure(Exception e, int port) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return "cannot listen on " + HOST + ":" + port + " (" + t.getMessage()
                        + "); stop what uses it or choose another --port";
            }
        }
        return "the S3 server did not start on " + HOST + ":" + port + ": " + e;
    }

    URI endpoint() {
        return endpoint;
    }

    /** @return whether the bucket had to be created */
    boolean createBucketIfMissing(String bucket) {
        if (store.containerExists(bucket)) {
            return false;
        }
        store.createContainer(bucket);
        return true;
    }

    @Override
    public void close() {
        stopQuietly(proxy);
        store.close();
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // stopping is best effort: the process is usually about to exit
            LOG.warn("s3proxy did not stop cleanly", e);
        }
    }
}
