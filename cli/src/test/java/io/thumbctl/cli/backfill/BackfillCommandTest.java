package io.thumbctl.cli.backfill;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.testing.Buckets;
import io.thumbctl.cli.testing.MixedBucket;
import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.cli.testing.Thumbctl.Run;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.thumbctl.cli.testing.Thumbctl.at;
import static org.assertj.core.api.Assertions.assertThat;

class BackfillCommandTest {

    static S3TestServer server;

    @BeforeAll
    static void start() {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void mixedBucketOfSeveralPages_everyImageGetsItsThumbnail_andSecondRunCreatesNothing() {
        server.createBucket("mixed");
        Buckets.fill(server, "mixed", MixedBucket.objects());
        Map<String, String> before = Buckets.etags(server, "mixed");

        Run first = Thumbctl.run(at(server, "--output", "json", "backfill", "--bucket", "mixed"));

        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.OK);
        Map<String, Object> summary = (Map<String, Object>) first.json().get("summary");
        assertThat(summary).containsEntry("scanned", MixedBucket.KEYS).containsEntry("created", MixedBucket.IMAGES)
                .containsEntry("failed", 0).containsEntry("upToDate", 0)
                .containsEntry("skipped", Map.of("not-an-image", MixedBucket.DOCUMENTS,
                        "folder-marker", MixedBucket.FOLDER_MARKERS.size()));
        assertThat((List<Object>) first.json().get("items")).hasSize(MixedBucket.IMAGES);
        for (String key : MixedBucket.ODD_KEYS) {
            HeadObjectResponse thumbnail = server.head("mixed", "thumbnails/" + key).orElseThrow(
                    () -> new AssertionError("no thumbnail for " + key));
            assertThat(thumbnail.metadata()).containsEntry("thumbctl-source-etag", before.get(key).replace("\"", ""));
            assertThat(thumbnail.contentType()).isEqualTo(key.endsWith(".png") ? "image/png" : "image/jpeg");
        }
        // Sources untouched; the only new keys are thumbnails of images.
        Map<String, String> after = Buckets.etags(server, "mixed");
        before.forEach((key, etag) -> assertThat(after).containsEntry(key, etag));
        assertThat(after.keySet()).filteredOn(k -> !before.containsKey(k))
                .hasSize(MixedBucket.IMAGES)
                .allSatisfy(k -> assertThat(k).startsWith("thumbnails/"));

        // Global options after the command work as well as before it.
        Run second = Thumbctl.run("backfill", "--bucket", "mixed",
                "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1");

        assertThat(second.exit()).as(second.err()).isEqualTo(ExitCodes.OK);
        assertThat(second.out())
                .contains("created        0")
                .contains("up to date     " + MixedBucket.IMAGES)
                // the thumbnails share the bucket but are jumped over, not scanned as sources
                .contains(MixedBucket.KEYS + " keys scanned")
                .doesNotContain("recursion-guard");
        assertThat(Buckets.etags(server, "mixed")).isEqualTo(after);

        Run verify = Thumbctl.run(at(server, "verify", "--bucket", "mixed"));
        assertThat(verify.exit()).as(verify.out()).isEqualTo(ExitCodes.OK);
        assertThat(verify.out()).contains("all well").contains("ok          " + MixedBucket.IMAGES);
    }

    @Test
    void dryRun_listsWhatItWouldDo_andWritesNothing() {
        server.createBucket("dry");
        server.put("dry", "done.jpg", TestImages.jpeg(40, 30), "image/jpeg");
        server.put("dry", "changed.jpg", TestImages.jpeg(40, 30), "image/jpeg");
        assertThat(Thumbctl.run(at(server, "backfill", "--bucket", "dry")).exit()).isEqualTo(ExitCodes.OK);
        server.put("dry", "changed.jpg", TestImages.jpeg(60, 30), "image/jpeg");
        server.put("dry", "new.jpg", TestImages.jpeg(40, 30), "image/jpeg");
        Map<String, String> before = Buckets.etags(server, "dry");

        Run dry = Thumbctl.run(at(server, "backfill", "--bucket", "dry", "--dry-run"));

        assertThat(dry.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(dry.out()).contains("would-create\tnew.jpg").contains("would-refresh\tchanged.jpg")
                .contains("would create   1").contains("would refresh  1").contains("up to date     1")
                .doesNotContain("done.jpg");
        assertThat(Buckets.etags(server, "dry")).isEqualTo(before);
    }

    @Test
    void staleThumbnail_isMadeAgainFromTheNewSource() {
        server.createBucket("stale");
        server.put("stale", "cat.jpg", TestImages.jpeg(200, 100), "image/jpeg");
        Thumbctl.run(at(server, "backfill", "--bucket", "stale"));
        String newEtag = server.put("stale", "cat.jpg", TestImages.jpeg(100, 200), "image/jpeg");

        Run run = Thumbctl.run(at(server, "backfill", "--bucket", "stale"));

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("created\tcat.jpg").contains("created        1");
        HeadObjectResponse thumbnail = server.head("stale", "thumbnails/cat.jpg").orElseThrow();
        assertThat(thumbnail.metadata()).containsEntry("thumbctl-source-etag", newEtag);
        assertThat(TestImages.decode(server.get("stale", "thumbnails/cat.jpg")).getHeight()).isEqualTo(128);
    }

    @Test
    void unreadableImage_isReportedWithItsKey_andExits1() {
        server.createBucket("broken");
        server.put("broken", "good.jpg", TestImages.jpeg(40, 30), "image/jpeg");
        server.put("broken", "bad/not really.jpg", "this is no JPEG".getBytes(StandardCharsets.UTF_8), "image/jpeg");

        Run run = Thumbctl.run(at(server, "backfill", "--bucket", "broken"));

        assertThat(run.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out()).contains("failed\tbad/not really.jpg\tunsupported-format")
                .contains("failed         1").contains("    bad/not really.jpg\tunsupported-format")
                .contains("created        1");
    }

    @Test
    void secondBucketWithEmptyPrefix_optionsBeforeAndAfterTheCommand() {
        server.createBucket("photos");
        server.createBucket("photos-resized");
        server.put("photos", "a/cat.jpg", TestImages.jpeg(300, 200), "image/jpeg");
        server.put("photos", "a/notes.txt", "hi".getBytes(StandardCharsets.UTF_8), "text/plain");
        Map<String, String> sources = Buckets.etags(server, "photos");

        Run run = Thumbctl.run(at(server, "--target-bucket", "photos-resized",
                "backfill", "--bucket", "photos", "--thumbnail-prefix", ""));

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(Buckets.etags(server, "photos")).isEqualTo(sources);
        assertThat(Buckets.etags(server, "photos-resized")).containsOnlyKeys("a/cat.jpg");
        assertThat(TestImages.decode(server.get("photos-resized", "a/cat.jpg")).getWidth()).isEqualTo(128);
    }

    @Test
    void prefix_limitsTheRunToItsKeys() {
        server.createBucket("prefixed");
        server.put("prefixed", "2023/a.jpg", TestImages.jpeg(40, 30), "image/jpeg");
        server.put("prefixed", "2024/b.jpg", TestImages.jpeg(40, 30), "image/jpeg");

        Run run = Thumbctl.run(at(server, "backfill", "--bucket", "prefixed", "--prefix", "2024/"));

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(Buckets.etags(server, "prefixed")).containsOnlyKeys("2023/a.jpg", "2024/b.jpg",
                "thumbnails/2024/b.jpg");
    }

    @Test
    void progressBar_onlyWhenAskedOrOnATerminal() {
        server.createBucket("progress");
        server.put("progress", "a.jpg", TestImages.jpeg(40, 30), "image/jpeg");
        server.put("progress", "b.txt", "b".getBytes(StandardCharsets.UTF_8), "text/plain");

        Run quiet = Thumbctl.run(at(server, "backfill", "--bucket", "progress"));
        Run shown = Thumbctl.run(at(server, "backfill", "--bucket", "progress", "--progress", "always"));

        // Tests have no terminal, so "auto" draws nothing.
        assertThat(quiet.err()).isEmpty();
        assertThat(shown.err()).contains("backfill").contains("2/2 keys").contains("created 0, failed 0");
        assertThat(shown.out()).doesNotContain("keys/s");
    }

    @Test
    void heicSource_getsItsJpegAtKeyPlusJpg_andASecondRunFindsItUpToDate() {
        server.createBucket("heic-backfill");
        String etag = server.put("heic-backfill", "x.heic", TestImages.heif("plain.heic"), "image/heic");
        server.put("heic-backfill", "y.avif", TestImages.heif("alpha.avif"), "image/avif");

        Run first = Thumbctl.run(at(server, "backfill", "--bucket", "heic-backfill"));
        Run second = Thumbctl.run(at(server, "backfill", "--bucket", "heic-backfill"));

        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(first.out()).contains("created        2");
        HeadObjectResponse jpeg = server.head("heic-backfill", "thumbnails/x.heic.jpg").orElseThrow();
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(jpeg.metadata()).containsEntry("thumbctl-source-etag", etag.replace("\"", ""));
        assertThat(server.head("heic-backfill", "thumbnails/y.avif.png").orElseThrow().contentType())
                .isEqualTo("image/png");
        assertThat(server.head("heic-backfill", "thumbnails/x.heic")).isEmpty();
        assertThat(second.out()).contains("created        0").contains("up to date     2");
    }
}
