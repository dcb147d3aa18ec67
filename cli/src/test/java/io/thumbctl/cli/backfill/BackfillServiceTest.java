package io.thumbctl.cli.backfill;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.testing.Await;
import io.thumbctl.cli.testing.Buckets;
import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.cli.testing.Thumbctl.Run;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.S3ObjectStore;
import io.thumbctl.testing.S3FaultRelay;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.ThumbnailService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.thumbctl.cli.testing.Thumbctl.at;
import static org.assertj.core.api.Assertions.assertThat;

class BackfillServiceTest {

    static final int OBJECTS = 600;

    static S3TestServer server;
    static BackfillService service;

    @BeforeAll
    static void start() {
        server = S3TestServer.start();
        ObjectStore store = new S3ObjectStore(() -> server.client());
        KeyPolicy policy = new KeyPolicy(ThumbnailSettings.defaults());
        service = new BackfillService(store, policy, new ThumbnailService(store, policy, new ThumbnailRenderer(RenderSettings.fromEnvironment())));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void interruptedRun_startedAgain_finishesTheJob() throws Exception {
        server.createBucket("resume");
        byte[] jpeg = TestImages.jpeg(32, 24);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int i = 0; i < OBJECTS; i++) {
            objects.put(String.format("img/%04d.jpg", i), jpeg);
        }
        Buckets.fill(server, "resume", objects);
        AtomicInteger created = new AtomicInteger();
        AtomicReference<BackfillSummary> firstRun = new AtomicReference<>();
        Thread runner = new Thread(() -> firstRun.set(service.run(
                new BackfillRequest("resume", "", 2, false), new BackfillListener() {
                    @Override
                    public void finished(Outcome outcome) {
                        if (outcome instanceof Outcome.Created) {
                            created.incrementAndGet();
                        }
                    }

                    @Override
                    public void planned(PlannedThumbnail plan) {
                    }
                })));

        // Stop it as an operator would, part-way through.
        runner.start();
        Await.until("some thumbnails", Duration.ofSeconds(30), () -> created.get() >= 50);
        runner.interrupt();
        runner.join(Duration.ofSeconds(30).toMillis());

        BackfillSummary interrupted = firstRun.get();
        assertThat(interrupted.interrupted()).isTrue();
        assertThat(interrupted.created()).isBetween(50L, OBJECTS - 1L);
        assertThat(interrupted.clean()).isFalse();

        Run resumed = Thumbctl.run(at(server, "backfill", "--bucket", "resume"));

        assertThat(resumed.exit()).isEqualTo(ExitCodes.OK);
        assertThat(resumed.out()).contains("created        " + (OBJECTS - interrupted.created()))
                .contains("up to date     " + interrupted.created());
        assertThat(Thumbctl.run(at(server, "verify", "--bucket", "resume")).exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void stuckWorkers_holdTheListing_atMostConcurrencyInFlightAndTwiceThatTaken() throws Exception {
        server.createBucket("bounded");
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int i = 0; i < 1_010; i++) { // two listing pages
            objects.put(String.format("%04d.jpg", i), new byte[]{1});
        }
        Buckets.fill(server, "bounded", objects);
        try (S3FaultRelay relay = S3FaultRelay.inFrontOf(server.endpoint());
             S3Client client = S3TestServer.clientFor(relay.endpoint())) {
            ObjectStore relayed = new S3ObjectStore(() -> client);
            KeyPolicy policy = new KeyPolicy(ThumbnailSettings.defaults());
            BackfillService bounded = new BackfillService(relayed, policy,
                    new ThumbnailService(relayed, policy, new ThumbnailRenderer(RenderSettings.fromEnvironment())));
            // Every worker's first request (the thumbnail's HEAD) waits at the gate.
            S3FaultRelay.Gate stuck = relay.gate("bounded", "HEAD");
            AtomicReference<BackfillSummary> summary = new AtomicReference<>();
            Thread run = new Thread(() -> summary.set(bounded.run(new BackfillRequest("bounded", "", 3, false),
                    BackfillListener.NONE)));
            run.start();

            Await.until("3 workers stuck and the listing waiting for them", Duration.ofSeconds(30),
                    () -> stuck.waiting() == 3 && run.getState() == Thread.State.WAITING);
            long listRequests = relay.requests().stream().filter(r -> r.method().equals("GET") && r.key().isEmpty())
                    .count();
            // Stopped as an operator would: what was taken is finished, nothing more is listed.
            run.interrupt();
            stuck.open();
            run.join(Duration.ofMinutes(2).toMillis());

            assertThat(listRequests).as("the second page is not read while the window is full").isEqualTo(1);
            assertThat(summary.get().interrupted()).isTrue();
            assertThat(summary.get().failed() + summary.get().created()).as("taken: at most twice the concurrency")
                    .isBetween(3L, 6L);
        }
    }


    @Test
    void changedThumbnailSettings_dryRunCountsThemAsWouldRefresh_andTheRunRewritesThem() {
        server.createBucket("resized");
        byte[] jpeg = TestImages.jpeg(640, 480);
        Buckets.fill(server, "resized", Map.of("a.jpg", jpeg, "b.jpg", jpeg, "c.jpg", jpeg));
        assertThat(Thumbctl.run(at(server, "backfill", "--bucket", "resized")).out()).contains("created        3");
        Map<String, Object> wider = Map.of("thumbnail.width", "256", "thumbnail.height", "256");

        Run dryRun = Thumbctl.run(wider, at(server, "backfill", "--bucket", "resized", "--dry-run"));
        Run run = Thumbctl.run(wider, at(server, "backfill", "--bucket", "resized"));

        assertThat(dryRun.out()).contains("would refresh  3").contains("would create   0");
        assertThat(run.out()).contains("created        3");
        assertThat(server.head("resized", "thumbnails/a.jpg").orElseThrow().metadata())
                .containsEntry(ThumbnailService.SETTINGS, "256x256 same q0.85");
        assertThat(Thumbctl.run(wider, at(server, "backfill", "--bucket", "resized")).out())
                .contains("up to date     3");
    }

    @Test
    void hungKey_isMarkedFailed_theRestIsDone_andARunAfterwardsCompletesIt() {
        server.createBucket("stuck");
        byte[] jpeg = TestImages.jpeg(64, 48);
        Buckets.fill(server, "stuck", Map.of("1.jpg", jpeg, "2.jpg", jpeg, "3.jpg", jpeg, "4.jpg", jpeg));
        Map<String, Object> quickTimeouts = Map.of("thumbnail.s3.call-timeout", "2s",
                "thumbnail.s3.attempt-timeout", "1s");
        try (S3FaultRelay relay = S3FaultRelay.inFrontOf(server.endpoint())) {
            relay.inject("stuck", "2.jpg", S3FaultRelay.Fault.of(S3FaultRelay.Kind.HANG).onMethod("GET"));
            String[] backfill = {"--endpoint-url", relay.endpoint().toString(), "--region", "us-east-1",
                    "backfill", "--bucket", "stuck"};

            Run stuck = Thumbctl.run(quickTimeouts, backfill);
            relay.clear();
            Run again = Thumbctl.run(quickTimeouts, backfill);

            assertThat(stuck.exit()).isEqualTo(ExitCodes.PROBLEMS);
            assertThat(stuck.out()).contains("created        3").contains("failed         1")
                    .contains("2.jpg\ttimeout");
            assertThat(again.exit()).isEqualTo(ExitCodes.OK);
            assertThat(again.out()).contains("created        1").contains("up to date     3");
        }
    }

    /**
     * Answers S3 documents as worth a retry (400 RequestTimeout, 400 ExpiredToken, 409
     * OperationAborted) for one key, through the fault relay: backfill marks that key failed and
     * retryable, with the same reason the function gives, and does the rest.
     */
    @ParameterizedTest
    @CsvSource({"REQUEST_TIMEOUT, timeout", "EXPIRED_TOKEN, expired-credentials", "OPERATION_ABORTED, busy"})
    @SuppressWarnings("unchecked")
    void retryableS3Answer_isMarkedRetryable_withTheFunctionsReason(S3FaultRelay.Kind kind, String reason) {
        String bucket = "answer-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        server.createBucket(bucket);
        byte[] jpeg = TestImages.jpeg(64, 48);
        Buckets.fill(server, bucket, Map.of("1.jpg", jpeg, "2.jpg", jpeg, "3.jpg", jpeg));
        try (S3FaultRelay relay = S3FaultRelay.inFrontOf(server.endpoint())) {
            relay.inject(bucket, "2.jpg", S3FaultRelay.Fault.of(kind).onMethod("GET"));

            Run run = Thumbctl.run(Map.of("thumbnail.s3.call-timeout", "5s"), "--endpoint-url",
                    relay.endpoint().toString(), "--region", "us-east-1", "--output", "json", "backfill",
                    "--bucket", bucket);

            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.PROBLEMS);
            List<Map<String, Object>> items = (List<Map<String, Object>>) run.json().get("items");
            assertThat(items).filteredOn(item -> "2.jpg".equals(item.get("key"))).singleElement()
                    .satisfies(item -> assertThat(item).containsEntry("outcome", "failed")
                            .containsEntry("reason", reason).containsEntry("retryable", true));
            assertThat(items).filteredOn(item -> "created".equals(item.get("outcome"))).hasSize(2);
        }
    }
}
