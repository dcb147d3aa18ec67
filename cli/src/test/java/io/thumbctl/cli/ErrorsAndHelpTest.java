package io.thumbctl.cli;

import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.cli.testing.Thumbctl.Run;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static io.thumbctl.cli.testing.Thumbctl.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Exit codes 2 and 3 with messages a user can act on, and help that never touches the network. */
class ErrorsAndHelpTest {

    static S3TestServer server;

    @BeforeAll
    static void start() {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"backfill", "verify", "guard"})
    void help_listsOptionsDefaultsAndExitCodes_withoutTouchingTheNetwork(String command) {
        Run run = Thumbctl.run("--endpoint-url", "http://127.0.0.1:1", command, "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: thumbctl " + command).contains("--bucket=BUCKET")
                .contains("--endpoint-url=URL").contains("--region=REGION").contains("--profile=NAME")
                .contains("--target-bucket=BUCKET").contains("--thumbnail-prefix=PREFIX")
                .contains("--output=text|json").contains("Exit codes:").contains("3   could not finish");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void backfillHelp_showsTheDefaultConcurrency() {
        assertThat(Thumbctl.run("backfill", "--help").out()).contains("Default: 16");
    }

    @Test
    void unknownFlag_exits2_withTheUsageLine() {
        Run run = Thumbctl.run("verify", "--bucket", "b", "--no-such-flag");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown option: '--no-such-flag'").contains("Usage: thumbctl verify");
    }

    @Test
    void misspeltFlag_exits2_withTheRightSpellingAndTheUsageLine() {
        Run run = Thumbctl.run("backfill", "--bucket", "b", "--concurency", "4");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--concurrency").contains("Usage: thumbctl backfill")
                .contains("Try 'thumbctl backfill --help'");
    }

    @Test
    void missingBucket_exits2_withTheUsageLine() {
        Run run = Thumbctl.run("backfill");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required option: '--bucket=BUCKET'").contains("Usage: thumbctl backfill");
    }

    @Test
    void badOutputValue_exits2() {
        Run run = Thumbctl.run("--output", "yaml", "verify", "--bucket", "b");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--output");
    }

    @Test
    void emptyPrefixWithoutTargetBucket_exits2_sayingItWouldRecurse() {
        Run run = Thumbctl.run(at(server, "--thumbnail-prefix", "", "backfill", "--bucket", "b"));

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("recurse").hasLineCount(1);
    }

    @Test
    void endpointThatIsNoUrl_exits2() {
        Run run = Thumbctl.run("--endpoint-url", "localhost:9000", "verify", "--bucket", "b");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--endpoint-url 'localhost:9000' is not an http(s) URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"backfill", "verify", "guard"})
    void bucketThatDoesNotExist_exits3_withOneLineNamingIt(String command) {
        Run run = Thumbctl.run(at(server, command, "--bucket", "no-such-bucket"));

        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).hasLineCount(1).contains("no-such-bucket").contains(server.endpoint().toString())
                .doesNotContain("Exception");
    }

    @Test
    void endpointWhereNothingListens_exits3_withOneLineNamingIt() throws IOException {
        String nowhere = "http://127.0.0.1:" + freePort();

        Run run = Thumbctl.run("verify", "--bucket", "photos", "--endpoint-url", nowhere, "--region", "us-east-1");

        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).hasLineCount(1).contains(nowhere).contains("photos").doesNotContain("\tat ");
    }

    @Test
    void debug_addsTheStackTrace() throws IOException {
        Run run = Thumbctl.run("--debug", "verify", "--bucket", "photos",
                "--endpoint-url", "http://127.0.0.1:" + freePort());

        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("\tat io.thumbctl.");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void settingThatDoesNotConvert_exits2_withOneLineNamingTheVariable() {
        Run run = Thumbctl.run(Map.of("thumbnail.width", "abc"), at(server, "verify", "--bucket", "b"));

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).hasLineCount(1)
                .contains("THUMBNAIL_WIDTH (thumbnail.width) is 'abc', which is not a whole number");
    }

    @Test
    void badSetting_stillLeavesHelpWorking() {
        Run run = Thumbctl.run(Map.of("thumbnail.format", "tiff"), "verify", "--help");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Usage:");
    }

    @Test
    void noCredentialsAnywhere_exits3_withOneShortLine() {
        Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "this machine has credentials");
        Run run = Thumbctl.runWithoutCredentials(Map.of(),
                at(server, "verify", "--bucket", "b"));

        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).hasLineCount(1).contains("no AWS credentials found")
                .doesNotContain("ProviderChain").doesNotContain("Exception");
    }
}
