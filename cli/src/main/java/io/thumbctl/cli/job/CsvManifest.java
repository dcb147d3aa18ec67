package io.thumbctl.cli.job;

import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.storage.ObjectInfo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A Batch Operations CSV manifest ({@code S3BatchOperations_CSV_20180820}, fields Bucket,Key) of
 * the keys the key policy would process, written to a temporary file as the listing streams past:
 * memory stays flat whatever the bucket's size. Keys are URL-encoded ({@link ManifestKeys}).
 *
 * @param file   the manifest; {@link #close} deletes it
 * @param listed keys the listing gave
 * @param rows   keys in the manifest, one task each
 * @param sha256 of the file's bytes: names the uploaded manifest, so the same list of keys is
 *               always the same object
 */
public record CsvManifest(Path file, long listed, long rows, long bytes, String sha256) implements AutoCloseable {

    /** Reports progress every this many keys listed. */
    static final int PROGRESS_EVERY = 1000;

    /**
     * @param objects  the source listing; consumed and closed here
     * @param listed   told the number of keys listed so far, every {@value #PROGRESS_EVERY} keys
     */
    public static CsvManifest write(Stream<ObjectInfo> objects, KeyPolicy policy, String bucket, LongConsumer listed)
            throws IOException {
        Path file = Files.createTempFile("thumbctl-manifest-", ".csv");
        MessageDigest sha256 = newSha256();
        long seen = 0;
        long rows = 0;
        try (objects;
             OutputStream out = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(file), sha256), 1 << 16)) {
            byte[] bucketColumn = (bucket + ",").getBytes(StandardCharsets.UTF_8);
            for (Iterator<ObjectInfo> it = objects.iterator(); it.hasNext(); ) {
                ObjectInfo object = it.next();
                if (++seen % PROGRESS_EVERY == 0) {
                    listed.accept(seen);
                }
                if (policy.decide(bucket, object.key(), object.size()).shouldProcess()) {
                    out.write(bucketColumn);
                    out.write(ManifestKeys.encode(object.key()).getBytes(StandardCharsets.US_ASCII));
                    out.write('\n');
                    rows++;
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        listed.accept(seen);
        return new CsvManifest(file, seen, rows, Files.size(file), HexFormat.of().formatHex(sha256.digest()));
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
