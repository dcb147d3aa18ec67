package io.thumbctl.cli.local;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * s3proxy has no event notifications, so this wraps its store and announces every object that a
 * request created or removed, after the store committed it, as S3 does. Every way S3 creates an
 * object is covered: PUT (and browser POST, which s3proxy stores through the same call), copy and
 * completing a multipart upload; multi-object delete goes through {@link #removeBlob} per key.
 *
 * <p>The listener must not block: it runs on the server's request thread, before the client gets
 * its answer.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyingBlobStore.class);

    /**
     * s3proxy writes a stub object under this reserved prefix while a multipart upload is open and
     * deletes it on completion: bookkeeping, not an object S3 would announce.
     */
    static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";

    private final Consumer<ObjectChange> listener;
    private final AtomicLong sequence = new AtomicLong();

    NotifyingBlobStore(BlobStore delegate, Consumer<ObjectChange> listener) {
        super(delegate);
        this.listener = listener;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        created(ObjectChange.PUT, request.bucket(), request.key(), response.eTag());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        String etag = response.copyObjectResult() == null ? null : response.copyObjectResult().eTag();
        created(ObjectChange.COPY, request.destinationBucket(), request.destinationKey(), etag);
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        created(ObjectChange.COMPLETE_MULTIPART_UPLOAD, upload.containerName(), upload.blobName(), response.eTag());
        return response;
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        DeleteObjectResponse response = super.removeBlob(request);
        announce(ObjectChange.DELETE, request.bucket(), request.key(), null, null);
        return response;
    }

    private void created(String eventName, String bucket, String key, String responseEtag) {
        if (key.startsWith(MULTIPART_STUB_PREFIX)) {
            return;
        }
        // S3's event carries the stored size and ETag; read them back rather than trusting the
        // request (aws-chunked uploads do not say their decoded length up front).
        HeadObjectResponse stored = delegate().blobMetadataIfPresent(bucket, key);
        Long size = stored == null ? null : stored.contentLength();
        String etag = stored != null && stored.eTag() != null ? stored.eTag() : responseEtag;
        announce(eventName, bucket, key, size, etag == null ? null : etag.replace("\"", ""));
    }

    private void announce(String eventName, String bucket, String key, Long size, String etag) {
        if (key.startsWith(MULTIPART_STUB_PREFIX)) {
            return;
        }
        ObjectChange change = new ObjectChange(eventName, bucket, key, size, etag, sequence.incrementAndGet(),
                Instant.now(), System.nanoTime());
        try {
            listener.accept(change);
        } catch (RuntimeException e) {
            // The object is stored; a notification problem must not turn the client's write into an error.
            LOG.warn("could not announce {} of s3://{}/{}: {}", eventName, bucket, key, e.toString());
        }
    }
}
