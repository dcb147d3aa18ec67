package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.thumbctl.testing.S3FaultRelay;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.crac.Resource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Priming before a SnapStart snapshot: the whole pipeline runs, and S3 sees nothing of it. The
 * function's real S3 client is pointed at a relay that records every request: nothing may reach
 * it while priming, whatever the priming does inside the process.
 */
class SnapStartPrimingTest {

    static S3TestServer s3;
    static S3FaultRelay relay;

    @BeforeAll
    static void startServer() {
        s3 = S3TestServer.start();
        s3.createBucket("photos");
        s3.put("photos", "existing.jpg", TestImages.jpeg(64, 48), "image/jpeg");
        relay = S3FaultRelay.inFrontOf(s3.endpoint());
    }

    @AfterAll
    static void stopServer() throws Exception {
        relay.close();
        s3.close();
    }

    static ApplicationContext context(Map<String, Object> settings) {
        Map<String, Object> props = new HashMap<>(relay.clientProperties());
        props.putAll(settings);
        return ApplicationContext.builder().deduceEnvironment(false).properties(props).start();
    }

    static List<String> bucketsAndKeys() {
        List<String> names = new ArrayList<>(s3.client().listBuckets().buckets().stream().map(Bucket::name).toList());
        for (String bucket : List.copyOf(names)) {
            s3.client().listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                    .map(S3Object::key).forEach(k -> names.add(bucket + "/" + k));
        }
        return names;
    }

    @Test
    void prime_runsEveryRoute_throughTheSdk_againstTheStandIn_writingNothingToS3() {
        List<String> before = bucketsAndKeys();
        try (ApplicationContext context = context(Map.of())) {
            SnapStartPriming.Primed primed = new SnapStartPriming(context).prime();

            // The direct S3 sample goes all the way, as an upload: GET the photo, PUT the thumbnail.
            assertThat(primed.requests().subList(0, 2)).extracting(r -> r.substring(0, r.indexOf(' ')))
                    .containsExactly("GET", "PUT");
            assertThat(primed.requests().get(1)).startsWith("PUT /thumbnails/priming/a%20photo%281%29.jpg");
            assertThat(primed.requests()).anySatisfy(r -> assertThat(r).startsWith("PUT /thumbnails/priming/sns%20photo.jpg"))
                    .anySatisfy(r -> assertThat(r).startsWith("PUT /thumbnails/priming/sqs%20sns%20photo.jpg"))
                    .anySatisfy(r -> assertThat(r).startsWith("PUT /thumbnails/priming/eventbridge%20photo.jpg"))
                    .anySatisfy(r -> assertThat(r).startsWith("HEAD /priming/batch%20photo.jpg"));
            // Every route's answer was built, in the shape its source expects.
            assertThat(primed.answers()).containsOnlyKeys(SnapStartPriming.EVENTS);
            assertThat(primed.answers().get("s3.json")).startsWith("{\"outcomes\":[{").contains("\"created\"");
            assertThat(primed.answers().get("sns.json")).contains("\"created\"");
            assertThat(primed.answers().get("sqs.json")).isEqualTo("{\"batchItemFailures\":[]}");
            assertThat(primed.answers().get("eventbridge-created.json")).contains("\"created\"");
            assertThat(primed.answers().get("eventbridge-deleted.json")).contains("\"outcome\":\"deleted\"");
            assertThat(primed.answers().get("lifecycle-expiration.json")).contains("\"outcome\":\"deleted\"");
            assertThat(primed.answers().get("batch-1.0.json")).contains("\"invocationSchemaVersion\":\"1.0\"")
                    .contains("\"taskId\":\"PRIMINGTASK1\"");
            assertThat(primed.answers().get("batch-2.0.json")).contains("\"invocationSchemaVersion\":\"2.0\"")
                    .contains("\"taskId\":\"PRIMINGTASK2\"");
        }
        assertThat(bucketsAndKeys()).isEqualTo(before);
        assertThat(relay.requests()).as("nothing left the process").isEmpty();
    }

    @Test
    void withRenditions_primingWritesEachOne_soEveryEncoderIsWarm() {
        try (ApplicationContext context = context(Map.of("thumbnail.renditions",
                "small:64x64,medium:200x200:webp,large:300x300:avif:cover"))) {
            SnapStartPriming.Primed primed = new SnapStartPriming(context).prime();

            assertThat(primed.requests()).anySatisfy(r -> assertThat(r).isEqualTo("PUT /thumbnails/small/priming/a%20photo%281%29.jpg"))
                    .anySatisfy(r -> assertThat(r).startsWith("PUT /thumbnails/medium/priming/a%20photo%281%29.jpg.webp"))
                    .anySatisfy(r -> assertThat(r).startsWith("PUT /thumbnails/large/priming/a%20photo%281%29.jpg.avif"))
                    .anySatisfy(r -> assertThat(r).startsWith("PUT /thumbnails/_manifest/priming/a%20photo%281%29.jpg.json"));
            assertThat(primed.answers().get("s3.json")).contains("\"created\"").contains("\"renditions\"");
        }
        assertThat(relay.requests()).as("nothing left the process").isEmpty();
    }

    @Test
    void beforeCheckpoint_primesEveryRoute_andSucceedsWithoutS3() {
        List<String> before = bucketsAndKeys();
        try (ApplicationContext context = context(Map.of())) {
            SnapStartPriming priming = new SnapStartPriming(context);

            priming.beforeCheckpoint(null);

            SnapStartPriming.Primed primed = priming.primed().orElseThrow(() -> new AssertionError("nothing primed"));
            assertThat(primed.answers()).containsOnlyKeys(SnapStartPriming.EVENTS);
            assertThat(primed.answers().get("s3.json")).contains("\"created\"");
            assertThat(primed.requests()).anySatisfy(r -> assertThat(r).startsWith("PUT /thumbnails/priming/a%20photo%281%29.jpg"));
        }
        assertThat(bucketsAndKeys()).isEqualTo(before);
        assertThat(relay.requests()).as("nothing left the process").isEmpty();
    }

    @Test
    void prefixCoveringTheSampleKey_isGuarded_andPrimingStillSucceeds() {
        try (ApplicationContext context = context(Map.of("thumbnail.prefix", "priming/"))) {
            assertThat(new SnapStartPriming(context).prime().requests()).isEmpty();
        }
    }

    @Test
    void handlerConstruction_registersThePriming_whoseHooksPrimeAndThenPrepareTheClient_offline() throws Exception {
        List<Resource> registered = new ArrayList<>();
        try (ApplicationContext context = context(Map.of());
             ThumbnailHandler handler = new ThumbnailHandler(context, registered::add)) {
            assertThat(registered).singleElement().isInstanceOf(SnapStartPriming.class);
            Resource hooks = registered.get(0);
            assertThat(context.getActiveBeanRegistrations(S3Client.class)).as("not built before a restore").isEmpty();

            hooks.beforeCheckpoint(null);
            assertThat(((SnapStartPriming) hooks).primed()).as("primed before the snapshot").isPresent();
            hooks.afterRestore(null);

            assertThat(context.getActiveBeanRegistrations(S3Client.class)).as("built after the restore").hasSize(1);
            assertThat(relay.requests()).as("no request before the first invocation").isEmpty();
        }
    }
}
