package io.thumbctl.cli.invoke;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.cli.testing.Thumbctl.Run;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.thumbctl.cli.testing.Thumbctl.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code thumbctl invoke}: the function's handler on event files, its S3 client where the flags say. */
class InvokeCommandTest {

    static S3TestServer server;
    static String etag;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = S3TestServer.start();
        server.createBucket("invoked");
        etag = server.put("invoked", "cat.jpg", TestImages.jpeg(640, 480), "image/jpeg");
        server.put("invoked", "dog.jpg", TestImages.jpeg(300, 600), "image/jpeg");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    Path created(String name, String bucket, String key) throws IOException {
        return file(name, S3Events.event(S3Events.created(bucket, key, 0, null)));
    }

    @Test
    void createdEvent_makesTheThumbnail_throughTheEndpoint_andPrintsTheAnswer() throws IOException {
        Path event = file("put.json", S3Events.event(S3Events.created("invoked", "cat.jpg", 0, etag)));

        Run run = Thumbctl.run(at(server, "invoke", event.toString()));

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines().toList()).hasSize(1);
        assertThat(run.out()).contains("\"outcome\":\"created\"").contains("\"key\":\"cat.jpg\"");
        assertThat(server.head("invoked", "thumbnails/cat.jpg")).isPresent();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void globalOptions_afterTheCommand_pointTheFunction_andChangeItsConfiguration() throws IOException {
        Path event = created("dog.json", "invoked", "dog.jpg");

        Run run = Thumbctl.run("invoke", event.toString(), "--thumbnail-prefix", "small/",
                "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(server.head("invoked", "small/dog.jpg").orElseThrow().contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void objectThatIsGone_isAPermanentFailure_theInvocationSucceeds_andTheExitIs1() throws IOException {
        Path event = created("gone.json", "invoked", "never-uploaded.jpg");

        Run run = Thumbctl.run(at(server, "invoke", event.toString()));

        assertThat(run.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out()).contains("\"outcome\":\"failed\"").contains("\"reason\":\"gone\"");
        assertThat(run.err()).doesNotContain("invocation failed");
    }

    @Test
    void sqsMessageOfNoKnownShape_isReportedFailedByTheFunction_andTheExitIs1() throws IOException {
        Path event = file("sqs.json", ("{\"Records\":[{\"messageId\":\"m-1\",\"eventSource\":\"aws:sqs\","
                + "\"body\":\"{\\\"hello\\\":\\\"world\\\"}\"}]}").getBytes(StandardCharsets.UTF_8));

        Run run = Thumbctl.run(at(server, "invoke", event.toString()));

        assertThat(run.out()).contains("\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"}]");
        assertThat(run.exit()).isEqualTo(ExitCodes.PROBLEMS);
    }

    @Test
    void eachFile_isOneInvocation_inOrder_andAFailedOneDoesNotStopTheRest() throws IOException {
        Path notAnEvent = file("nonsense.json", "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
        // size and ETag given, so the first request is a GET, which names the missing bucket (a HEAD cannot)
        Path noBucket = file("no-bucket.json", S3Events.event(S3Events.created("no-such-bucket", "a.jpg", 9, "e-1")));
        Path good = created("good.json", "invoked", "cat.jpg");

        Run run = Thumbctl.run(at(server, "invoke", notAnEvent.toString(), noBucket.toString(), good.toString()));

        assertThat(run.exit()).isEqualTo(ExitCodes.PROBLEMS);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEmpty(); // the function wrote no answer
        assertThat(lines.get(1)).contains("no-such-bucket").contains("\"retryable\":true");
        assertThat(lines.get(2)).contains("cat.jpg");
        assertThat(run.err().lines().toList()).hasSize(2)
                .anySatisfy(l -> assertThat(l).startsWith("thumbctl invoke: " + notAnEvent + ": invocation failed: "))
                .anySatisfy(l -> assertThat(l).startsWith("thumbctl invoke: " + noBucket + ": invocation failed: ")
                        .contains("retried"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonOutput_isOneDocument_withTheAnswersAsTheyWere() throws IOException {
        Path good = created("good.json", "invoked", "cat.jpg");
        Path notAnEvent = file("nonsense.json", "[]".getBytes(StandardCharsets.UTF_8));

        Run run = Thumbctl.run(at(server, "--output", "json", "invoke", good.toString(), notAnEvent.toString()));

        List<Map<String, Object>> items = (List<Map<String, Object>>) run.json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).containsEntry("event", good.toString()).doesNotContainKey("failure");
        assertThat((Map<String, Object>) items.get(0).get("answer")).containsKey("outcomes");
        assertThat(items.get(1)).containsEntry("event", notAnEvent.toString()).containsKey("failure");
        assertThat((Map<String, Object>) run.json().get("summary"))
                .containsEntry("events", 2).containsEntry("failedInvocations", 1).containsEntry("failedObjects", 0);
    }

    @Test
    void fileThatCannotBeRead_isAUsageError_andNothingRuns() throws IOException {
        Path good = created("good.json", "invoked", "dog.jpg");

        Run run = Thumbctl.run(at(server, "invoke", good.toString(), dir.resolve("missing.json").toString()));

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("cannot read " + dir.resolve("missing.json")).contains("Usage: thumbctl invoke");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noFile_isAUsageError() {
        Run run = Thumbctl.run("invoke");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("EVENT.json");
    }

    @Test
    void recursiveConfiguration_isAUsageError_inOneLine() throws IOException {
        Path good = created("good.json", "invoked", "dog.jpg");

        Run run = Thumbctl.run(at(server, "--thumbnail-prefix", "", "invoke", good.toString()));

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("recurse").hasLineCount(1);
    }
}
