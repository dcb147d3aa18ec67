package io.thumbctl.cli.aws;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.local.jobs.LocalJobEndpoint;
import io.thumbctl.cli.testing.ForkedThumbctl;
import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.ACCOUNT;
import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.FUNCTION;
import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aws.s3.path-style-access-enabled} ({@code AWS_S3_PATH_STYLE_ACCESS_ENABLED}, which the
 * function's docs suggest for S3-compatible servers) next to {@code --endpoint-url}: path style is
 * set in one place only, so every command that talks to S3 works with both. The SDK refuses a
 * client whose path style is set twice ("ForcePathStyle has been configured on both
 * S3Configuration and the client/global level"), which made every such command exit 3 (issue 12).
 */
class PathStyleTest {

    static final String PATH_STYLE = "aws.s3.path-style-access-enabled";

    static LocalJobEndpoint local;

    @BeforeAll
    static void start() {
        local = LocalJobEndpoint.start();
        local.createBucket("photos");
        local.s3().putObject(b -> b.bucket("photos").key("beach.jpg"), RequestBody.fromBytes(TestImages.jpeg(320, 240)));
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
    }

    static Thumbctl.Run thumbctl(String pathStyle, String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint-url", local.endpoint().toString(), "--region", "us-east-1"));
        all.addAll(List.of(args));
        return Thumbctl.run(Map.of(PATH_STYLE, pathStyle), all.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false"})
    void backfill_andVerify_workWithThePropertySet(String pathStyle) {
        Thumbctl.Run backfill = thumbctl(pathStyle, "backfill", "--bucket", "photos", "--progress", "never");
        Thumbctl.Run verify = thumbctl(pathStyle, "verify", "--bucket", "photos");

        assertThat(backfill.exit()).as(backfill.err()).isEqualTo(ExitCodes.OK);
        assertThat(backfill.err()).doesNotContain("ForcePathStyle");
        assertThat(verify.exit()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.OK);
        assertThat(local.s3().headObject(b -> b.bucket("photos").key("thumbnails/beach.jpg")).contentType())
                .isEqualTo("image/jpeg");
    }

    @Test
    void batchOperationsBackfill_andJob_workWithThePropertySet() {
        Thumbctl.Run backfill = thumbctl("true", "backfill", "--bucket", "photos", "--engine", "batch-operations",
                "--function-arn", FUNCTION, "--role-arn", ROLE, "--wait", "--poll-interval", "0.05");
        Matcher created = Pattern.compile("created job (\\S+)").matcher(backfill.out());
        assertThat(created.find()).as(backfill.out() + backfill.err()).isTrue();
        Thumbctl.Run job = thumbctl("true", "job", created.group(1), "--account-id", ACCOUNT);

        assertThat(backfill.exit()).as(backfill.out() + backfill.err()).isEqualTo(ExitCodes.OK);
        assertThat(backfill.out()).contains("succeeded      1");
        assertThat(job.exit()).as(job.err()).isEqualTo(ExitCodes.OK);
        assertThat(job.out()).contains(": Complete", "succeeded      1");
    }

    @Test
    void environmentVariable_asAUserSetsIt_inAJvmOfItsOwn() throws Exception {
        try (S3TestServer server = S3TestServer.start()) {
            server.createBucket("photos");

            ForkedThumbctl.Result verify = ForkedThumbctl.run("256m", server,
                    Map.of("AWS_S3_PATH_STYLE_ACCESS_ENABLED", "true"), "verify", "--bucket", "photos");

            assertThat(verify.exit()).as(verify.err()).isEqualTo(ExitCodes.OK);
            assertThat(verify.err()).doesNotContain("ForcePathStyle");
        }
    }
}
