package io.thumbctl.storage;

import io.micronaut.context.ApplicationContext;
import io.thumbctl.testing.S3FaultRelay;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thumbnail's PUT goes without the {@code Expect: 100-continue} handshake (one round trip
 * less per upload on S3); uploads of 1 MB and more keep it.
 */
class ExpectContinueTest {

    private static final String BUCKET = "expect";

    static S3TestServer s3;
    static S3FaultRelay relay;

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
        relay = S3FaultRelay.inFrontOf(s3.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        s3.close();
    }

    @Test
    void thumbnailPut_reachesS3WithoutTheHandshake() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.copyOf(relay.clientProperties())).start()) {
            ObjectStore store = context.getBean(ObjectStore.class);

            store.put(BUCKET, "thumbnails/a.jpg", new byte[4096], "image/jpeg", Map.of(), WriteCondition.ifAbsent());

            S3FaultRelay.Request put = relay.requests(BUCKET, "thumbnails/a.jpg").stream()
                    .filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
            assertThat(put.header("expect")).isNull();
            assertThat(s3.head(BUCKET, "thumbnails/a.jpg")).isPresent();
        }
    }

    @Test
    void smallPut_losesTheSdksExpectHeader() {
        SdkHttpRequest after = modified(PutObjectRequest.builder().build(), 4096);

        assertThat(after.firstMatchingHeader("Expect")).isEmpty();
    }

    @Test
    void putOfOneMegabyteOrMore_keepsIt() {
        SdkHttpRequest after = modified(PutObjectRequest.builder().build(), ExpectContinueForLargeUploads.THRESHOLD_BYTES);

        assertThat(after.firstMatchingHeader("Expect")).contains("100-continue");
    }

    @Test
    void otherRequests_areLeftAsTheyAre() {
        SdkHttpRequest after = modified(GetObjectRequest.builder().build(), 0);

        assertThat(after.firstMatchingHeader("Expect")).contains("100-continue");
    }

    private static SdkHttpRequest modified(software.amazon.awssdk.core.SdkRequest request, long bodyBytes) {
        SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(URI.create("https://s3.amazonaws.com/b/k"))
                .putHeader("Expect", "100-continue").build();
        InterceptorContext context = InterceptorContext.builder().request(request).httpRequest(http)
                .requestBody(RequestBody.fromBytes(new byte[(int) bodyBytes])).build();
        return new ExpectContinueForLargeUploads().modifyHttpRequest(context, new ExecutionAttributes());
    }
}
