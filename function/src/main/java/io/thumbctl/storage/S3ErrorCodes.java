package io.thumbctl.storage;

import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Set;

/**
 * S3's error answers, by error code and HTTP status, into permanent or retryable
 * {@link StorageException}s. The rule: only an answer known to be permanent is permanent; one
 * that S3 or the AWS SDK documents as worth a retry, and any code or status we do not know, is
 * retryable. An event is then never acknowledged on an answer nobody understood: it ends in the
 * dead-letter queue after its retries, where someone can look at it.
 *
 * <p>Sources: S3's error code list ("Error responses", List of error codes, in the Amazon S3 API
 * Reference), AWS's common errors of all services ("Common Errors", API references), and the AWS
 * SDK for Java v2's own retry lists ({@code AwsErrorCode.RETRYABLE_ERROR_CODES},
 * {@code THROTTLING_ERROR_CODES}, {@code DEFINITE_CLOCK_SKEW_ERROR_CODES};
 * {@code SdkDefaultRetrySetting.RETRYABLE_STATUS_CODES} 500, 502, 503, 504). The SDK retries
 * those itself first; what reaches us outlasted its retries and is retried again by the event's
 * source. {@code StorageErrorsTest} has a row per code.
 */
final class S3ErrorCodes {

    /** Throttling: S3's SlowDown and ServiceUnavailable, and the SDK's THROTTLING_ERROR_CODES. */
    static final Set<String> THROTTLING = Set.of("SlowDown", "ServiceUnavailable", "Throttling",
            "ThrottlingException", "ThrottledException", "TooManyRequests", "TooManyRequestsException",
            "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "RequestThrottledException",
            "ProvisionedThroughputExceededException", "TransactionInProgressException");
    /**
     * The connection was too slow or idle (S3's 400 RequestTimeout: "Your socket connection to the
     * server was not read from or written to within the timeout period"; the SDK's
     * RETRYABLE_ERROR_CODES), or a body arrived shorter than announced (IncompleteBody).
     */
    static final Set<String> TIMEOUT = Set.of("RequestTimeout", "RequestTimeoutException", "IncompleteBody");
    /** Another operation on the resource is in progress (S3's 409 OperationAborted: "Try again"; the SDK's PriorRequestNotComplete). */
    static final Set<String> BUSY = Set.of("OperationAborted", "PriorRequestNotComplete");
    /** Temporary credentials expired or must be refreshed: the next call signs with fresh ones (S3's 400 ExpiredToken, TokenRefreshRequired). */
    static final Set<String> EXPIRED_CREDENTIALS = Set.of("ExpiredToken", "ExpiredTokenException",
            "TokenRefreshRequired");
    /** The request's clock was off (S3's 403 RequestTimeTooSkewed; the SDK's DEFINITE_CLOCK_SKEW_ERROR_CODES); the SDK corrects its offset. */
    static final Set<String> CLOCK_SKEW = Set.of("RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture");
    /** S3 failed on its side (500 InternalError; the SDK's RETRYABLE_ERROR_CODES; common errors' InternalFailure). */
    static final Set<String> SERVER_ERROR = Set.of("InternalError", "InternalFailure");
    /**
     * The request itself is wrong for this object or bucket, and sending it again cannot help (S3's
     * error code list). The object is archived (InvalidObjectState) until someone restores it.
     */
    static final Set<String> PERMANENT = Set.of("InvalidRequest", "InvalidArgument", "InvalidRange",
            "EntityTooLarge", "EntityTooSmall", "MethodNotAllowed", "KeyTooLongError", "MalformedXML",
            "MetadataTooLarge", "MissingContentLength", "InvalidDigest", "BadDigest", "InvalidStorageClass",
            "InvalidBucketName", "InvalidURI", "InvalidObjectState", "NotImplemented", "InvalidEncryptionAlgorithmError",
            "InvalidPart", "InvalidPartOrder", "NoSuchUpload", "NoSuchVersion", "UnexpectedContent",
            "MaxMessageLengthExceeded", "InlineDataTooLarge", "MalformedHttpRequestException");
    /**
     * Statuses whose meaning needs no error code: a HEAD's answer has no body, so it has none.
     * 403, 404 and 412 are settled in {@link #classify} before; these are the request's own shape
     * (Method Not Allowed, Length Required, Content Too Large, URI Too Long, Range Not Satisfiable).
     */
    static final Set<Integer> PERMANENT_STATUS = Set.of(405, 411, 413, 414, 416);

    private S3ErrorCodes() {
    }

    static StorageException classify(S3Exception e, String bucket, String key) {
        String where = "s3://" + bucket + "/" + key;
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        int status = e.statusCode();
        String answered = where + ": S3 answered " + status + (code == null ? "" : " " + code);
        if (status == 412 || "PreconditionFailed".equals(code) || "ConditionalRequestConflict".equals(code)) {
            return new PreconditionFailedException(bucket, key, e);
        }
        if ("NoSuchBucket".equals(code)) {
            return new BucketNotFoundException(bucket, e);
        }
        // The codes worth a retry come before the statuses: RequestTimeTooSkewed is a 403.
        if (code != null) {
            if (THROTTLING.contains(code)) {
                return new TransientStorageException("throttled", where + ": S3 is throttling (" + status + " "
                        + code + ")", e);
            }
            if (TIMEOUT.contains(code)) {
                return new TransientStorageException("timeout", answered, e);
            }
            if (BUSY.contains(code)) {
                return new TransientStorageException("busy", answered
                        + " (another operation on it is in progress)", e);
            }
            if (EXPIRED_CREDENTIALS.contains(code)) {
                return new TransientStorageException("expired-credentials", answered
                        + " (the next call signs with fresh credentials)", e);
            }
            if (CLOCK_SKEW.contains(code)) {
                return new TransientStorageException("clock-skew", answered, e);
            }
            if (SERVER_ERROR.contains(code)) {
                return new TransientStorageException("server-error", answered, e);
            }
            if (PERMANENT.contains(code)) {
                return new PermanentStorageException("rejected", answered, e);
            }
        }
        if (status == 404) {
            return new ObjectGoneException(bucket, key, e);
        }
        if (status == 403) {
            return new AccessDeniedException(bucket, key, e);
        }
        if (status == 429 || status == 503) {
            return new TransientStorageException("throttled", where + ": S3 is throttling (" + status + ")", e);
        }
        if (status == 408) {
            return new TransientStorageException("timeout", answered, e);
        }
        if (status >= 500) {
            return new TransientStorageException("server-error", answered, e);
        }
        if (code == null && PERMANENT_STATUS.contains(status)) {
            return new PermanentStorageException("rejected", answered, e);
        }
        // Not known to be permanent: an error code we do not know, or a 4xx without one.
        return new TransientStorageException("s3-error", answered + " (not known to be permanent)", e);
    }
}
