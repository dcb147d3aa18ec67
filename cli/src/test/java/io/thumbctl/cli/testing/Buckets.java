package io.thumbctl.cli.testing;

import io.thumbctl.testing.S3TestServer;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/** Fills test buckets quickly (many keys, in parallel) and reads them back whole. */
public final class Buckets {

    private Buckets() {
    }

    /** Puts every key with its content, 8 at a time. */
    public static void fill(S3TestServer server, String bucket, Map<String, byte[]> objects) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            objects.forEach((key, bytes) -> puts.add(pool.submit(() ->
                    server.put(bucket, key, bytes, contentType(key)))));
            for (Future<?> put : puts) {
                put.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not fill " + bucket, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every key of the bucket with its ETag, in S3's order. */
    public static Map<String, String> etags(S3TestServer server, String bucket) {
        return server.client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .collect(Collectors.toMap(S3Object::key, S3Object::eTag, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static String contentType(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        if (k.endsWith(".png")) {
            return "image/png";
        }
        if (k.endsWith(".jpg") || k.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return "application/octet-stream";
    }
}
