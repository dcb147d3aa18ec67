package io.thumbctl.storage;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.util.Optional;

/**
 * Sends uploads under 1 MB (every thumbnail) without the {@code Expect: 100-continue} handshake.
 * The SDK asks for it on every PutObject, so the body waits for a first answer from S3: one more
 * round trip per thumbnail, for a body that would have cost less to send than the round trip.
 * boto3 and the newer AWS SDKs ask for it only from 1 MB; so does this. The Apache HTTP client
 * must not add it back ({@link ApacheClientTuning}).
 */
final class ExpectContinueForLargeUploads implements ExecutionInterceptor {

    static final long THRESHOLD_BYTES = 1024 * 1024;
    private static final String EXPECT = "Expect";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest http = context.httpRequest();
        if (!(context.request() instanceof PutObjectRequest) || http.firstMatchingHeader(EXPECT).isEmpty()) {
            return http;
        }
        Optional<Long> length = context.requestBody().flatMap(RequestBody::optionalContentLength);
        if (length.isEmpty() || length.get() >= THRESHOLD_BYTES) {
            return http;
        }
        return http.toBuilder().removeHeader(EXPECT).build();
    }
}
