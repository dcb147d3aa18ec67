package io.thumbctl.storage;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Optional;

/** Turns SDK exceptions into {@link StorageException}s: the one place that gives S3 failures their reasons. */
public final class StorageErrors {

    /** The reason of a call cut short because its thread was interrupted (the caller is stopping). */
    public static final String INTERRUPTED = "interrupted";

    private static final String NO_CREDENTIALS = "no AWS credentials found (set AWS_ACCESS_KEY_ID and "
            + "AWS_SECRET_ACCESS_KEY, name a profile with --profile or AWS_PROFILE, or run where a role provides them)";
    private static final String NO_REGION = "no AWS region found (set --region or AWS_REGION, or a region in the profile)";

    private StorageErrors() {
    }

    /**
     * What a client lacked to make its call at all, no credentials or no region anywhere in the SDK's
     * chains, as the line to show; empty for any other failure. For the CLI's other AWS clients
     * (S3 Control, CloudFormation, STS), which fail the same way.
     */
    public static Optional<String> missingSetup(SdkException e) {
        if (e instanceof SdkClientException && startsWith(e, "Unable to load credentials")) {
            return Optional.of(NO_CREDENTIALS);
        }
        if (e instanceof SdkClientException && startsWith(e, "Unable to load region")) {
            return Optional.of(NO_REGION);
        }
        return Optional.empty();
    }

    private static boolean startsWith(SdkException e, String text) {
        return e.getMessage() != null && e.getMessage().startsWith(text);
    }

    private static boolean wasInterrupted(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof AbortedException) {
                return true;
            }
        }
        return false;
    }

    static StorageException classify(SdkException e, String bucket, String key) {
        String where = "s3://" + bucket + "/" + key;
        if (e instanceof NoSuchBucketException) {
            return new BucketNotFoundException(bucket, e);
        }
        if (e instanceof NoSuchKeyException) {
            return new ObjectGoneException(bucket, key, e);
        }
        if (e instanceof S3Exception s3) {
            return S3ErrorCodes.classify(s3, bucket, key);
        }
        if (wasInterrupted(e)) {
            return new TransientStorageException(INTERRUPTED, where + ": interrupted", e);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new TransientStorageException("timeout", where + ": S3 call timed out", e);
        }
        if (e instanceof SdkClientException && startsWith(e, "Unable to load credentials")) {
            return new TransientStorageException("no-credentials", where + ": " + NO_CREDENTIALS, e);
        }
        if (e instanceof SdkClientException && startsWith(e, "Unable to load region")) {
            return new TransientStorageException("no-region", where + ": " + NO_REGION, e);
        }
        if (e instanceof SdkClientException) {
            return new TransientStorageException("network", where + ": " + e.getMessage(), e);
        }
        return new TransientStorageException("sdk-error", where + ": " + e.getMessage(), e);
    }
}
