package io.thumbctl.cli.local;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.ThumbctlCommand;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code thumbctl local} as a user runs it: flags, the banner, the outcome lines, exit codes. */
class LocalCommandTest {

    static final Duration TIMEOUT = RecordingListener.TIMEOUT;

    static ApplicationContext context;

    @TempDir
    Path data;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder(Environment.CLI).deduceEnvironment(false).start();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    record Run(int exit, String out, String err) {
    }

    static CommandLine commandLine(Writer out, Writer err) {
        CommandLine cmd = ThumbctlCommand.commandLine(context);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = commandLine(out, err).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void portInUse_isOneClearLine_andExit3() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run run = run("local", "--port", String.valueOf(taken.getLocalPort()), "--data", data.toString());

            assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.err().strip()).doesNotContain("\n")
                    .startsWith("thumbctl local: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("--port");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void invalidBucketName_isAUsageError() {
        Run run = run("local", "--port", "0", "--data", data.toString(), "--bucket", "Not_A_Bucket");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'Not_A_Bucket' is not a valid S3 bucket name");
    }

    @Test
    void recursiveFunctionConfiguration_isAUsageError_inOneLine() {
        // as THUMBNAIL_PREFIX= would set it; a system property because tests cannot set env vars
        System.setProperty("thumbnail.prefix", "");
        try {
            Run run = run("local", "--port", "0", "--data", data.toString());

            assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err().strip()).doesNotContain("\n").startsWith("thumbctl local: ").contains("recurse");
        } finally {
            System.clearProperty("thumbnail.prefix");
        }
    }

    @Test
    void globalThumbnailOptions_reachTheFunction_beforeOrAfterTheCommand() {
        Run before = run("--thumbnail-prefix", "", "local", "--port", "0", "--data", data.toString());
        Run after = run("local", "--port", "0", "--data", data.toString(), "--thumbnail-prefix", "");

        for (Run run : new Run[]{before, after}) {
            assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).startsWith("thumbctl local: ").contains("recurse");
        }
    }

    @Test
    void endpointOptions_areRefused_localModeIsTheEndpoint() {
        Run run = run("--endpoint-url", "http://127.0.0.1:1", "local", "--port", "0", "--data", data.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("local mode is the endpoint");
    }

    @Test
    void endpointOptions_afterTheCommand_areNotLocalOptions() {
        Run run = run("local", "--port", "0", "--data", data.toString(), "--region", "eu-west-1");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown options: '--region'").contains("Usage: thumbctl local");
        assertThat(run("local", "--help").out()).doesNotContain("--endpoint-url").doesNotContain("--region")
                .doesNotContain("--profile").doesNotContain("--output");
    }

    @Test
    void helpAndVersion_showTheOptionsTheirDefaultsAndTheBuiltVersion() {
        Run run = run("local", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: thumbctl local").contains("--port=PORT").contains("default: 9000")
                .contains("--data=DIR").contains("default: local-data").contains("--bucket=NAME");
        assertThat(run("--help").out()).contains("local");
        assertThat(run("local", "--version").out()).startsWith("thumbctl 0.");
    }

    @Test
    void runs_printsEndpointAndCredentials_reportsEachThumbnail_andStopsWhenInterrupted() throws Exception {
        AwaitableWriter out = new AwaitableWriter();
        StringWriter err = new StringWriter();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = thread.submit(() -> commandLine(out, err)
                    .execute("local", "--port", "0", "--data", data.toString(), "--bucket", "pics", "--bucket", "docs"));
            String banner = out.await("Ctrl-C stops.", TIMEOUT);

            assertThat(banner).contains("buckets      pics, docs")
                    .contains("export AWS_ACCESS_KEY_ID=thumbctl AWS_SECRET_ACCESS_KEY=thumbctl-local")
                    .contains("aws s3 cp photo.jpg s3://pics/ --endpoint-url http://127.0.0.1:")
                    .contains("aws s3 ls s3://pics/thumbnails/ --recursive --endpoint-url http://127.0.0.1:")
                    .contains("jobs         S3 Batch Operations (CreateJob, DescribeJob, ListJobs) on the same endpoint")
                    .contains("backfill --bucket pics --engine batch-operations --function-arn "
                            + LocalPipeline.FUNCTION_ARN + " --role-arn " + LocalPipeline.ROLE_ARN + " --wait");
            URI endpoint = endpoint(banner);
            try (S3Client s3 = LocalClients.plain(endpoint)) {
                s3.putObject(b -> b.bucket("pics").key("me.jpg"), RequestBody.fromBytes(TestImages.jpeg(640, 480)));
            }
            String reported = out.await("-> s3://pics/thumbnails/me.jpg (128x96 image/jpeg)", TIMEOUT);
            assertThat(reported).containsPattern("created +s3://pics/me.jpg -> s3://pics/thumbnails/me.jpg "
                    + "\\(128x96 image/jpeg\\) \\d+ ms");

            thread.shutdownNow();
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
            assertThat(out.toString()).contains("thumbctl local: stopped; the data stays in " + data);
            assertThat(err.toString()).isEmpty();
        } finally {
            thread.shutdownNow();
        }
    }

    static URI endpoint(String banner) {
        Matcher m = Pattern.compile("endpoint +(http://127\\.0\\.0\\.1:\\d+)").matcher(banner);
        assertThat(m.find()).as("endpoint line in %s", banner).isTrue();
        return URI.create(m.group(1));
    }

    /** Output another thread writes, with a bounded wait for a given text. */
    static final class AwaitableWriter extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            notifyAll();
        }

        /** @return everything written so far, once it contains {@code expected} */
        synchronized String await(String expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (text.indexOf(expected) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("'" + expected + "' not printed within " + timeout + "; got:\n" + text);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return text.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }
}
