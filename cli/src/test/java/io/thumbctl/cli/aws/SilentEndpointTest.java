package io.thumbctl.cli.aws;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.local.jobs.LocalJobEndpoint;
import io.thumbctl.cli.testing.SilentEndpoint;
import io.thumbctl.cli.testing.Thumbctl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command against an endpoint that accepts connections and never answers gives up in time,
 * exits 3 and says in one line which call did not answer. The timeouts are cut short here
 * ({@code thumbctl.aws.*}, and {@code thumbnail.s3.*} for the commands that go through the
 * function's object store) so the test is quick; {@link ClientTimeoutsTest} shows that the
 * defaults keep a command under 90 s.
 */
class SilentEndpointTest {

    /** The bound; with the short timeouts below a run takes a few seconds. */
    static final Duration BOUND = Duration.ofSeconds(90);

    static final Map<String, Object> SHORT = Map.of(
            "thumbctl.aws.attempt-timeout", "1s", "thumbctl.aws.call-timeout", "3s",
            "thumbctl.aws.socket-timeout", "1s", "thumbctl.aws.connect-timeout", "1s",
            "thumbnail.s3.attempt-timeout", "1s", "thumbnail.s3.call-timeout", "3s");

    static SilentEndpoint silent;

    @BeforeAll
    static void start() {
        silent = new SilentEndpoint();
    }

    @AfterAll
    static void stop() throws Exception {
        silent.close();
    }

    static Thumbctl.Run thumbctl(String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint-url", silent.endpoint().toString(), "--region", "us-east-1"));
        all.addAll(List.of(args));
        long start = System.nanoTime();
        Thumbctl.Run run = Thumbctl.run(SHORT, all.toArray(String[]::new));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        return run;
    }

    static void assertOneLineNaming(Thumbctl.Run run, String call) {
        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err().strip()).startsWith("thumbctl: ").contains(call).doesNotContain("\n");
    }

    @Test
    void job_s3ControlNeverAnswers_exits3NamingDescribeJob() {
        Thumbctl.Run run = thumbctl("job", "0f1e2d3c-aaaa-bbbb-cccc-000000000001", "--account-id", LocalJobEndpoint.ACCOUNT);

        assertOneLineNaming(run, "DescribeJob");
    }

    @Test
    void job_stsNeverAnswers_exits3NamingGetCallerIdentity() {
        Thumbctl.Run run = thumbctl("job", "0f1e2d3c-aaaa-bbbb-cccc-000000000001");

        assertOneLineNaming(run, "GetCallerIdentity");
    }

    @Test
    void job_cloudFormationNeverAnswers_exits3NamingDescribeStacks() {
        Thumbctl.Run run = thumbctl("job", "0f1e2d3c-aaaa-bbbb-cccc-000000000001", "--stack", "thumbctl");

        assertOneLineNaming(run, "DescribeStacks");
    }

    @Test
    void batchBackfill_s3NeverAnswers_exits3NamingHeadBucket() {
        Thumbctl.Run run = thumbctl("backfill", "--bucket", "photos", "--engine", "batch-operations",
                "--manifest", "generated", "--function-arn", LocalJobEndpoint.FUNCTION, "--role-arn", LocalJobEndpoint.ROLE);

        assertOneLineNaming(run, "S3 HeadBucket photos");
    }

    @Test
    void verify_s3NeverAnswers_exits3NamingTheListing() {
        Thumbctl.Run run = thumbctl("verify", "--bucket", "photos");

        // The object store's line: where, and that the S3 call timed out (the function's wording).
        assertOneLineNaming(run, "s3://photos/");
        assertThat(run.err()).contains("S3 call timed out");
    }
}
