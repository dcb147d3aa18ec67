package io.thumbctl.cli.job;

import io.thumbctl.cli.aws.ClientTimeouts;
import org.apache.commons.io.input.BoundedInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Uploads a manifest file from disk, streaming it: one PUT up to {@link #partSize}, a multipart
 * upload of {@code partSize} parts above (a manifest of 10^8 keys is several GB, past what one PUT
 * may carry). The bucket must belong to the job's account ({@code x-amz-expected-bucket-owner}),
 * so a manifest never lands in somebody else's bucket.
 *
 * <p>Not the SDK's S3TransferManager: it needs an async client, CRT (aws-crt 0.38.1 alone is a 19.0 MB jar,
 * against 43.5 MB for all of thumbctl.jar) or Netty (netty-nio-client and its nine Netty jars, which the CLI
 * excludes to keep one HTTP client), a second client stack for this one loop.
 */
public final class ManifestUpload {

    /** 64 MiB: few parts for a large manifest, one PUT for up to about a million keys. */
    public static final long DEFAULT_PART_SIZE = 64L << 20;
    /** S3's smallest part but the last. */
    static final long MIN_PART_SIZE = 5L << 20;

    private final S3Client s3;
    private final ClientTimeouts timeouts;
    private final long partSize;

    public ManifestUpload(S3Client s3, ClientTimeouts timeouts) {
        this(s3, timeouts, DEFAULT_PART_SIZE);
    }

    ManifestUpload(S3Client s3, ClientTimeouts timeouts, long partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("parts must be at least 5 MiB, got " + partSize);
        }
        this.s3 = s3;
        this.timeouts = timeouts;
        this.partSize = partSize;
    }

    /**
     * @return the object's ETag, without quotes, as CreateJob wants it
     * @throws JobRefusedException when S3 refuses the write (not the owner, or no s3:PutObject) or does not answer
     */
    public String upload(Path file, String bucket, String key, String expectedOwner) {
        try {
            long size = Files.size(file);
            String etag = size <= partSize ? put(file, size, bucket, key, expectedOwner) : multipart(file, size, bucket, key, expectedOwner);
            return etag.replace("\"", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new JobRefusedException("cannot write the manifest to s3://" + bucket + "/" + key
                        + ": access denied (the bucket is not in account " + expectedOwner
                        + ", or you lack s3:PutObject there)", e);
            }
            if (e.statusCode() == 404) {
                throw new JobRefusedException("cannot write the manifest: bucket " + bucket + " does not exist", e);
            }
            throw JobRefusedException.failed("upload of the manifest to s3://" + bucket + "/" + key, e);
        } catch (SdkException e) {
            throw JobRefusedException.failed("upload of the manifest to s3://" + bucket + "/" + key, e);
        }
    }

    /** Its call timeout grows with the size (a client's default would cut a large manifest off). */
    private String put(Path file, long size, String bucket, String key, String owner) {
        return s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv").expectedBucketOwner(owner)
                        .overrideConfiguration(timeouts.forUpload(size)),
                RequestBody.fromFile(file)).eTag();
    }

    private String multipart(Path file, long size, String bucket, String key, String owner) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("text/csv")
                .expectedBucketOwner(owner)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long length = Math.min(partSize, size - offset);
                int partNumber = number;
                long from = offset;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                                .contentLength(length).expectedBucketOwner(owner)
                                .overrideConfiguration(timeouts.forUpload(length)),
                        RequestBody.fromContentProvider(slice(file, from, length), length, "text/csv")).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            return s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .expectedBucketOwner(owner).multipartUpload(m -> m.parts(parts))).eTag();
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).expectedBucketOwner(owner));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    /** A fresh stream over bytes {@code [offset, offset + length)} each time the SDK asks (it may retry). */
    private static ContentStreamProvider slice(Path file, long offset, long length) {
        return () -> {
            try {
                InputStream in = Files.newInputStream(file);
                in.skipNBytes(offset);
                return BoundedInputStream.builder().setInputStream(in).setMaxCount(length).get();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
