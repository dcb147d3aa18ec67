package io.thumbctl.cli.local;

import io.thumbctl.testing.TestImages;
import io.thumbctl.thumbnail.OutcomeView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Local mode with renditions: each upload gets them all, and what local mode prints names each one. */
class LocalRenditionsTest {

    @TempDir
    static Path data;

    static RecordingListener function = new RecordingListener();
    static LocalPipeline local;
    static S3Client s3;

    @BeforeAll
    static void start() {
        local = LocalPipeline.start(new LocalOptions(0, data, List.of("photos"),
                Map.of("thumbnail.renditions", "small:64x64,medium:200x200:webp,large:400x400:avif")), function);
        s3 = LocalClients.plain(local.endpoint());
    }

    @AfterAll
    static void stop() {
        s3.close();
        local.stop();
    }

    @Test
    void upload_getsEveryRendition_andEachIsPrinted() throws Exception {
        s3.putObject(b -> b.bucket("photos").key("cat.jpg").contentType("image/jpeg"),
                RequestBody.fromBytes(TestImages.jpeg(800, 600)));

        OutcomeView outcome = function.await("photos", "cat.jpg").outcome();

        assertThat(outcome.outcome()).isEqualTo("created");
        assertThat(outcome.renditions()).extracting(OutcomeView.RenditionView::key).containsExactly(
                "thumbnails/small/cat.jpg", "thumbnails/medium/cat.jpg.webp", "thumbnails/large/cat.jpg.avif");
        for (String key : List.of("thumbnails/small/cat.jpg", "thumbnails/medium/cat.jpg.webp",
                "thumbnails/large/cat.jpg.avif", "thumbnails/_manifest/cat.jpg.json")) {
            assertThat(s3.headObject(b -> b.bucket("photos").key(key)).contentLength()).as(key).isPositive();
        }
        String printed = OutcomePrinter.line(outcome);
        assertThat(printed.lines()).hasSize(4);
        assertThat(printed).contains("medium     created    s3://photos/thumbnails/medium/cat.jpg.webp 200x150 image/webp")
                .contains("large      created    s3://photos/thumbnails/large/cat.jpg.avif 400x300 image/avif");
    }

    @Test
    void banner_namesTheRenditions() {
        StringWriter out = new StringWriter();

        Banner.print(new PrintWriter(out), local);

        assertThat(out.toString()).contains("renditions small:64x64:same:q85:inside, medium:200x200:webp:q80:inside, "
                + "large:400x400:avif:q60:inside, a manifest each under 'thumbnails/_manifest/'");
    }
}
