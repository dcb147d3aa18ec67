package io.thumbctl.cli.aws;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.ThumbctlCommand;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each command line gets its own connection: nothing one run sets is left behind for the next. */
class ConnectionPerRunTest {

    static S3TestServer first;
    static S3TestServer second;

    @BeforeAll
    static void start() {
        first = S3TestServer.start();
        second = S3TestServer.start();
        second.createBucket("only-on-second");
    }

    @AfterAll
    static void stop() throws Exception {
        first.close();
        second.close();
    }

    static int run(ApplicationContext context, String... args) {
        CommandLine cmd = ThumbctlCommand.commandLine(context);
        StringWriter ignored = new StringWriter();
        cmd.setOut(new PrintWriter(ignored));
        cmd.setErr(new PrintWriter(ignored));
        return cmd.execute(args);
    }

    @Test
    void twoRunsInOneContext_eachTalkToTheirOwnEndpoint() {
        try (ApplicationContext context = ApplicationContext.builder(Environment.CLI).deduceEnvironment(false)
                .properties(Map.of("aws.access-key-id", S3TestServer.ACCESS_KEY,
                        "aws.secret-key", S3TestServer.SECRET_KEY))
                .start()) {
            int onFirst = run(context, "--endpoint-url", first.endpoint().toString(),
                    "verify", "--bucket", "only-on-second");
            int onSecond = run(context, "--endpoint-url", second.endpoint().toString(),
                    "verify", "--bucket", "only-on-second");

            assertThat(onFirst).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(onSecond).isEqualTo(ExitCodes.OK);
        }
    }
}
