package io.thumbctl.storage;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** {@link ObjectStore} over the SDK's {@link S3Client}: the only class that calls S3. */
@Singleton
public class S3ObjectStore implements ObjectStore {

    private static final long MAX_ARRAY = MAX_OBJECT_BYTES;
    /** Less than this is no time for an S3 round trip: the call is not started. */
    private static final long MIN_CALL_MILLIS = 50;

    // A Provider so that building the client (credential and region lookup) happens on the first
    // S3 call, not when a CLI command object is created for --help.
    private final Provider<S3Client> client;
    private final S3Timeouts timeouts;

    @Inject
    public S3ObjectStore(Provider<S3Client> client, S3Timeouts timeouts) {
        this.client = client;
        this.timeouts = timeouts;
    }

    /** With the default timeouts. */
    public S3ObjectStore(Provider<S3Client> client) {
        this(client, S3Timeouts.defaults());
    }

    /**
     * Builds the client now (region, credentials provider, HTTP connection pool) without calling
     * S3, so the first request does not pay for it. Credentials are still fetched on first use.
     */
    public void prepare() {
        client.get();
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) {
        try {
            HeadObjectResponse r = client.get().headObject(b -> b.bucket(bucket).key(key)
                    .overrideConfiguration(limits(bucket, key)));
            return Optional.of(new ObjectInfo(bucket, key, r.contentLength(), r.eTag(), r.lastModified(),
                    r.metadata()));
        } catch (SdkException e) {
            StorageException classified = StorageErrors.classify(e, bucket, key);
            if (classified instanceof ObjectGoneException) {
                return Optional.empty();
            }
            throw classified;
        }
    }

    @Override
    public StoredObject get(String bucket, String key, @Nullable String ifMatch, long maxBytes) {
        long cap = Math.min(maxBytes, MAX_ARRAY);
        Body answer;
        try {
            // A transformer, not a stream handed back: the call's timeouts then cover reading the body too.
            answer = client.get().getObject(b -> b.bucket(bucket).key(key).ifMatch(quoted(ifMatch))
                    .overrideConfiguration(limits(bucket, key)), (r, body) -> new Body(r, readBody(body, r.contentLength(), cap)));
        } catch (SdkException e) {
            throw StorageErrors.classify(e, bucket, key);
        }
        GetObjectResponse r = answer.response();
        if (answer.content() == null) {
            throw new ObjectTooLargeException(bucket, key, r.contentLength() == null ? "more than " + cap
                    : String.valueOf(r.contentLength()), cap);
        }
        // Without a Content-Length the size is what was read.
        long size = r.contentLength() == null || r.contentLength() < 0 ? answer.content().length : r.contentLength();
        return new StoredObject(new ObjectInfo(bucket, key, size, r.eTag(), r.lastModified(), r.metadata()),
                answer.content());
    }

    @Override
    public void readRestInto(String bucket, String key, byte[] whole, int from, String ifMatch) {
        boolean sameObject;
        try {
            sameObject = client.get().getObject(b -> b.bucket(bucket).key(key)
                    .range("bytes=" + from + "-" + (whole.length - 1)).ifMatch(quoted(ifMatch))
                    .overrideConfiguration(limits(bucket, key)), (r, body) -> {
                // "bytes FROM-LAST/SIZE"; without it the server sent the whole object (status 200)
                String range = r.contentRange();
                int start = range == null ? 0 : from;
                if (range != null && !range.equals("bytes " + from + "-" + (whole.length - 1) + "/" + whole.length)
                        || range == null && r.contentLength() != null && r.contentLength() != whole.length) {
                    return false; // another size: another object
                }
                int read = body.readNBytes(whole, start, whole.length - start);
                if (read < whole.length - start) {
                    throw new IOException("the body ended after " + read + " of " + (whole.length - start) + " bytes");
                }
                return true;
            });
        } catch (SdkException e) {
            throw StorageErrors.classify(e, bucket, key);
        }
        if (!sameObject) {
            throw new PreconditionFailedException(bucket, key, null);
        }
    }

    /** An answer and its body, read inside the call; no body when it was over the cap. */
    private record Body(GetObjectResponse response, @Nullable byte[] content) {
    }

    /**
     * The body, read straight into an array of its announced length: the source is the largest
     * thing in memory (up to 100 MB), and the SDK's own {@code toBytes()} grows a buffer by
     * doubling and then copies it, which held two to three times the object at once.
     *
     * @throws IOException when the body ends early (a retry reads it again)
     */
    static byte[] readBody(InputStream body, @Nullable Long length) throws IOException {
        return readBody(body, length, MAX_ARRAY);
    }

    /**
     * As {@link #readBody(InputStream, Long)}, but {@code null} when the body has more than
     * {@code maxBytes}: not read at all when its length says so, and read no further than one
     * byte past the cap when it has no length (a chunked answer), so memory stays bounded.
     *
     * @param maxBytes at most {@link #MAX_OBJECT_BYTES}
     */
    @Nullable
    static byte[] readBody(InputStream body, @Nullable Long length, long maxBytes) throws IOException {
        if (length == null || length < 0) {
            // readNBytes grows its buffer as bytes arrive: nothing of the cap's size is allocated up front.
            byte[] content = body.readNBytes((int) Math.min(maxBytes, MAX_ARRAY) + 1);
            return content.length > maxBytes ? null : content;
        }
        if (length > maxBytes) {
            return null;
        }
        byte[] content = body.readNBytes(length.intValue());
        if (content.length < length) {
            throw new IOException("the body ended after " + content.length + " of " + length + " bytes");
        }
        return content;
    }

    @Override
    public StoredRange getRange(String bucket, String key, long first, long lastInclusive, @Nullable String ifMatch) {
        try {
            Body answer = client.get().getObject(b -> b.bucket(bucket).key(key)
                    .range("bytes=" + first + "-" + lastInclusive).ifMatch(quoted(ifMatch))
                    .overrideConfiguration(limits(bucket, key)), (r, body) -> new Body(r, readBody(body, r.contentLength())));
            GetObjectResponse r = answer.response();
            if (answer.content() == null) {
                throw new ObjectTooLargeException(bucket, key, String.valueOf(r.contentLength()), MAX_ARRAY);
            }
            byte[] content = answer.content();
            // "bytes 0-99/12345"; absent when the server sent the whole object (status 200).
            String range = r.contentRange();
            long start = 0;
            long size = content.length;
            if (range != null && range.startsWith("bytes ") && range.indexOf('-') > 0 && range.indexOf('/') > 0) {
                start = Long.parseLong(range.substring(6, range.indexOf('-')).trim());
                size = Long.parseLong(range.substring(range.indexOf('/') + 1).trim());
            }
            ObjectInfo info = new ObjectInfo(bucket, key, size, r.eTag(), r.lastModified(), r.metadata());
            return new StoredRange(info, start, content);
        } catch (SdkException e) {
            throw StorageErrors.classify(e, bucket, key);
        } catch (NumberFormatException e) {
            throw new TransientStorageException("sdk-error", "s3://" + bucket + "/" + key
                    + ": unreadable Content-Range in the answer to a ranged GET", e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType, Map<String, String> metadata,
                    WriteCondition condition) {
        try {
            client.get().putObject(b -> {
                b.bucket(bucket).key(key).contentType(contentType).metadata(metadata)
                        .overrideConfiguration(limits(bucket, key));
                if (condition instanceof WriteCondition.Matching m) {
                    b.ifMatch(quoted(m.etag()));
                } else {
                    b.ifNoneMatch("*");
                }
            }, RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw StorageErrors.classify(e, bucket, key);
        }
    }

    @Override
    public void delete(String bucket, String key, String ifMatch) {
        try {
            client.get().deleteObject(b -> b.bucket(bucket).key(key).ifMatch(quoted(ifMatch))
                    .overrideConfiguration(limits(bucket, key)));
        } catch (SdkException e) {
            throw StorageErrors.classify(e, bucket, key);
        }
    }

    /**
     * This call's timeouts: the configured ones, cut to what is left of the thread's
     * {@link CallBudget}.
     *
     * @throws TransientStorageException ({@code timeout}) when the budget is spent
     */
    private AwsRequestOverrideConfiguration limits(String bucket, String key) {
        Duration call = timeouts.callTimeout();
        Optional<Duration> left = CallBudget.remaining();
        if (left.isPresent()) {
            if (left.get().toMillis() < MIN_CALL_MILLIS) {
                throw new TransientStorageException("timeout", "s3://" + bucket + "/" + key
                        + ": no time left for S3 calls in this invocation", null);
            }
            call = call.compareTo(left.get()) < 0 ? call : left.get();
        }
        Duration attempt = timeouts.attemptTimeout().compareTo(call) < 0 ? timeouts.attemptTimeout() : call;
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(call).apiCallAttemptTimeout(attempt).build();
    }

    /** ETags travel quoted in conditional headers, as S3 sends them; ours are kept without quotes. */
    private static String quoted(@Nullable String etag) {
        return etag == null || etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }

    @Override
    public Stream<ObjectInfo> list(String bucket, String prefix, @Nullable String startAfter) {
        Iterator<S3Object> pages;
        try {
            pages = client.get().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).startAfter(startAfter)
                            .overrideConfiguration(limits(bucket, prefix)))
                    .contents().iterator();
        } catch (SdkException e) {
            throw StorageErrors.classify(e, bucket, prefix);
        }
        Iterator<ObjectInfo> infos = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return pages.hasNext();
                } catch (SdkException e) {
                    throw StorageErrors.classify(e, bucket, prefix);
                }
            }

            @Override
            public ObjectInfo next() {
                try {
                    S3Object o = pages.next();
                    return new ObjectInfo(bucket, o.key(), o.size(), o.eTag(), o.lastModified(), Map.of());
                } catch (SdkException e) {
                    throw StorageErrors.classify(e, bucket, prefix);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(infos,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
