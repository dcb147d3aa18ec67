package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Priming before a SnapStart snapshot: the whole pipeline runs, and S3 sees nothing of it. */
class SnapStartPrimingTest {

    static S3TestServer s3;

    @BeforeAll
    static void startServer() {
        s3 = S3TestServer.start();
        s3.createBucket("photos");
        s3.put("photos", "existing.jpg", TestImages.jpeg(64, 48), "image/jpeg");
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    static ApplicationContext context(Map<String, Object> settings) {
        Map<String, Object> props = new HashMap<>(s3.clientProperties());
        props.putAll(settings);
        return ApplicationContext.builder().deduceEnvironment(false).properties(props).start();
    }

    static List<String> bucketsAndKeys() {
        List<String> names = new java.util.ArrayList<>(s3.client().listBuckets().buckets().stream().map(Bucket::name).toList());
        for (String bucket : List.copyOf(names)) {
            s3.client().listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                    .map(S3Object::key).forEach(k -> names.add(bucket + "/" + k));
        }
        return names;
    }

    @Test
    void prime_runsAnUploadsGetAndPutThroughTheSdk_againstTheStandIn_writingNothingToS3() {
        List<String> before = bucketsAndKeys();
        try (ApplicationContext context = context(Map.of())) {
            List<String> requests = new SnapStartPriming(context).prime();

            assertThat(requests).extracting(r -> r.substring(0, r.indexOf(' ')))
                    .containsExactly("GET", "PUT");
            assertThat(requests.get(1)).startsWith("PUT /thumbnails/priming/a%20photo%281%29.jpg");
        }
        assertThat(bucketsAndKeys()).isEqualTo(before);
    }

    @Test
    void beforeCheckpoint_primes_andSucceedsWithoutS3() {
        List<String> before = bucketsAndKeys();
        try (ApplicationContext context = context(Map.of())) {
            new SnapStartPriming(context).beforeCheckpoint(null);
        }
        assertThat(bucketsAndKeys()).isEqualTo(before);
    }

    @Test
    void prefixCoveringTheSampleKey_isGuarded_andPrimingStillSucceeds() {
        try (ApplicationContext context = context(Map.of("thumbnail.prefix", "priming/"))) {
            assertThat(new SnapStartPriming(context).prime()).isEmpty();
        }
    }

    @Test
    void handlerConstruction_registersPriming_withoutTouchingS3() {
        List<String> before = bucketsAndKeys();
        try (ThumbnailHandler handler = new ThumbnailHandler(context(Map.of()))) {
            assertThat(handler).isNotNull();
        }
        assertThat(bucketsAndKeys()).isEqualTo(before);
    }
}
