package io.thumbctl.cli.verify;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.cli.testing.Thumbctl.Run;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.thumbctl.cli.testing.Thumbctl.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runbook with renditions: backfill makes them, verify names the rendition in each problem,
 * a rendition taken out of the settings leaves orphans that {@code backfill --prune} removes.
 */
class RenditionsRunbookTest {

    static final String RENDITIONS = "small:64x64,medium:200x200:webp";
    static S3TestServer server;

    @BeforeAll
    static void start() {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Run thumbctl(String bucket, String renditions, String... args) {
        return Thumbctl.run(at(server, Stream.concat(Stream.of("--renditions", renditions), Stream.of(args))
                .toArray(String[]::new)));
    }

    static void bucketWith(String bucket, String... keys) {
        server.createBucket(bucket);
        for (String key : keys) {
            server.put(bucket, key, TestImages.jpeg(300, 200), "image/jpeg");
        }
    }

    @Test
    void backfill_makesEveryRendition_andVerifyFindsAllWell() {
        bucketWith("made", "a.jpg", "b/c.jpg");

        Run backfill = thumbctl("made", RENDITIONS, "backfill", "--bucket", "made");
        Run verify = thumbctl("made", RENDITIONS, "verify", "--bucket", "made", "--deep");

        assertThat(backfill.exit()).as(backfill.err()).isEqualTo(ExitCodes.OK);
        assertThat(backfill.out()).containsPattern("created +2\n");
        for (String key : List.of("thumbnails/small/a.jpg", "thumbnails/medium/a.jpg.webp",
                "thumbnails/small/b/c.jpg", "thumbnails/medium/b/c.jpg.webp", "thumbnails/_manifest/b/c.jpg.json")) {
            assertThat(server.head("made", key)).as(key).isPresent();
        }
        assertThat(verify.exit()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.OK);
        assertThat(verify.out()).contains("all well");
        Run again = thumbctl("made", RENDITIONS, "backfill", "--bucket", "made");
        assertThat(again.out()).containsPattern("up to date +2\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void verify_namesTheRenditionOfEachProblem_inTextAndJson() {
        bucketWith("named", "a.jpg", "gone.jpg");
        thumbctl("named", RENDITIONS, "backfill", "--bucket", "named");
        server.client().deleteObject(b -> b.bucket("named").key("thumbnails/medium/a.jpg.webp"));
        server.client().deleteObject(b -> b.bucket("named").key("gone.jpg"));

        Run text = thumbctl("named", RENDITIONS, "verify", "--bucket", "named");
        Run json = thumbctl("named", RENDITIONS, "verify", "--bucket", "named", "--output", "json");

        assertThat(text.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(text.out().lines().filter(l -> l.contains("\t"))).containsExactlyInAnyOrder(
                "missing\ta.jpg\trendition medium",
                "orphan\tthumbnails/small/gone.jpg\trendition small",
                "orphan\tthumbnails/medium/gone.jpg.webp\trendition medium",
                "orphan\tthumbnails/_manifest/gone.jpg.json\trendition _manifest");
        Map<String, Object> document = json.json();
        assertThat((List<Map<String, Object>>) document.get("items"))
                .anySatisfy(item -> assertThat(item).containsEntry("problem", "missing")
                        .containsEntry("key", "a.jpg").containsEntry("rendition", "medium"));
    }

    @Test
    void deep_findsRenditionsMadeWithOtherSettings() {
        bucketWith("changed", "a.jpg");
        thumbctl("changed", RENDITIONS, "backfill", "--bucket", "changed");

        Run shallow = thumbctl("changed", "small:64x64,medium:300x300:webp", "verify", "--bucket", "changed");
        Run deep = thumbctl("changed", "small:64x64,medium:300x300:webp", "verify", "--bucket", "changed", "--deep");

        assertThat(shallow.exit()).as("by age, nothing is stale").isEqualTo(ExitCodes.OK);
        assertThat(deep.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(deep.out().lines().filter(l -> l.contains("\t"))).containsExactly("stale\ta.jpg\trendition medium");
    }

    @Test
    void renditionTakenOutOfTheSettings_isAnOrphan_untilBackfillPrunesIt() {
        bucketWith("pruned", "a.jpg");
        server.put("pruned", "thumbnails/medium/not-ours.jpg.webp", new byte[]{1}, "image/webp");
        thumbctl("pruned", RENDITIONS, "backfill", "--bucket", "pruned");

        Run orphans = thumbctl("pruned", "small:64x64", "verify", "--bucket", "pruned");
        Run dryRun = thumbctl("pruned", "small:64x64", "backfill", "--bucket", "pruned", "--prune", "--dry-run");
        Run prune = thumbctl("pruned", "small:64x64", "backfill", "--bucket", "pruned", "--prune");

        assertThat(orphans.out().lines().filter(l -> l.contains("\t"))).contains(
                "orphan\tthumbnails/medium/a.jpg.webp\trendition medium");
        assertThat(server.head("pruned", "thumbnails/medium/a.jpg.webp")).isEmpty();
        assertThat(dryRun.out()).contains("would-prune\tthumbnails/medium/a.jpg.webp");
        assertThat(prune.exit()).as(prune.err()).isEqualTo(ExitCodes.OK);
        assertThat(prune.out()).contains("pruned\tthumbnails/medium/a.jpg.webp").containsPattern("  pruned +1\n");
        assertThat(server.head("pruned", "thumbnails/small/a.jpg")).isPresent();
        assertThat(server.head("pruned", "thumbnails/_manifest/a.jpg.json")).isPresent();
        assertThat(server.head("pruned", "thumbnails/medium/not-ours.jpg.webp")).as("not written by thumbctl")
                .isPresent();
    }

    @Test
    void malformedRenditions_exit2_withOneLineNamingThePart() {
        Run run = thumbctl("any", "medium:640xhuge:webp", "verify", "--bucket", "any");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).contains("--renditions").contains("'640xhuge'").doesNotContain("\n");
    }

    @Test
    void prune_withoutRenditions_isAUsageError() {
        Run run = Thumbctl.run(at(server, "backfill", "--bucket", "any", "--prune"));

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--prune");
    }
}
