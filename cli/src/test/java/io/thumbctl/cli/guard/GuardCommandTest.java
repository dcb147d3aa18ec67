package io.thumbctl.cli.guard;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.cli.testing.Thumbctl.Run;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.thumbctl.cli.testing.Thumbctl.at;
import static org.assertj.core.api.Assertions.assertThat;

class GuardCommandTest {

    static S3TestServer server;

    @BeforeAll
    static void start() {
        server = S3TestServer.start();
        server.createBucket("guarded");
        server.put("guarded", "photos/cat.jpg", TestImages.jpeg(40, 30), "image/jpeg");
        // only its size matters here: the policy decides before anything reads the bytes
        server.put("guarded", "photos/huge.png", new byte[20_000], "image/png");
        server.put("guarded", "photos/", new byte[0], "application/x-directory");
        server.put("guarded", "thumbnails/photos/cat.jpg", TestImages.jpeg(20, 15), "image/jpeg");
        server.put("guarded", "readme.md", "hi".getBytes(StandardCharsets.UTF_8), "text/markdown");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void keysAsArguments_explainedWithoutS3_thenCounted() {
        // No endpoint at all: deciding on keys alone must not need one.
        Run run = Thumbctl.run("guard", "IMG_0001.JPG", "thumbnails/IMG_0001.JPG", "docs/", "My Photo+1.png",
                "notes.txt");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("""
                IMG_0001.JPG\tprocess
                thumbnails/IMG_0001.JPG\tskip recursion-guard
                docs/\tskip folder-marker
                My Photo+1.png\tprocess
                notes.txt\tskip not-an-image

                process: 2
                skip folder-marker: 1
                skip not-an-image: 1
                skip recursion-guard: 1
                """);
    }

    @Test
    void keysFromStdin() {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream("a/b.gif\nc/d.pdf\n\nunicode/café ☕.webp\n".getBytes(StandardCharsets.UTF_8)));
        try {
            Run run = Thumbctl.run("guard", "-");

            assertThat(run.exit()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("a/b.gif\tprocess\n", "c/d.pdf\tskip not-an-image\n",
                    "unicode/café ☕.webp\tprocess\n", "process: 2\n", "skip not-an-image: 1\n");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void withATargetBucket_keysOfTheSourceBucketAreNotThumbnails() {
        Run run = Thumbctl.run("--target-bucket", "thumbs", "guard", "thumbnails/a.jpg");

        assertThat(run.out()).contains("thumbnails/a.jpg\tprocess");
    }

    @Test
    @SuppressWarnings("unchecked")
    void bucketListing_usesSizes_soTooLargeShows_asJson() {
        Run run = Thumbctl.run(Map.of("thumbnail.max-source-bytes", "5000"),
                at(server, "guard", "--bucket", "guarded", "--output", "json"));

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<Map<String, Object>> items = (List<Map<String, Object>>) run.json().get("items");
        assertThat(items).extracting(i -> i.get("key") + " " + i.get("decision") + " " + i.get("reason"))
                .containsExactly("photos/ skip folder-marker", "photos/cat.jpg process null",
                        "photos/huge.png skip too-large", "readme.md skip not-an-image",
                        "thumbnails/photos/cat.jpg skip recursion-guard");
        assertThat((Map<String, Object>) run.json().get("summary")).containsEntry("keys", 5)
                .containsEntry("decisions", Map.of("process", 1, "skip folder-marker", 1, "skip too-large", 1,
                        "skip not-an-image", 1, "skip recursion-guard", 1));
    }

    @Test
    void neitherBucketNorKeys_isAUsageError() {
        Run run = Thumbctl.run("guard");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Give --bucket BUCKET").contains("Usage: thumbctl guard");
    }

    @Test
    void heicHeifAndAvifKeys_areProcessed_inAnyCase() {
        Run run = Thumbctl.run("guard", "a.heic", "b.HEIF", "c.avif", "IMG_0001.HEIC");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("""
                a.heic\tprocess
                b.HEIF\tprocess
                c.avif\tprocess
                IMG_0001.HEIC\tprocess
                """);
    }

    @Test
    void heicSwitchedOff_skipsHeicAndHeifAsNotAnImage_butNotAvif() {
        Run run = Thumbctl.run(Map.of("thumbnail.heic", "false"), "guard", "a.heic", "b.HEIF", "c.avif");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("""
                a.heic\tskip not-an-image
                b.HEIF\tskip not-an-image
                c.avif\tprocess
                """);
    }
}
