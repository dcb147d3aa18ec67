package io.thumbctl.cli.aws;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.cli.testing.Thumbctl.Run;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.thumbctl.cli.testing.Thumbctl.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Against a server that checks signatures as S3 does: refused credentials exit 3 with one line. */
class RefusedCredentialsTest {

    static S3TestServer server;

    @BeforeAll
    static void start() {
        server = S3TestServer.startCheckingCredentials();
        server.createBucket("locked");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void rightCredentials_getIn() {
        assertThat(Thumbctl.run(at(server, "verify", "--bucket", "locked")).exit()).isEqualTo(ExitCodes.OK);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "unknown key id, AKIDNOBODYHAS, " + S3TestServer.SECRET_KEY,
            "wrong secret, " + S3TestServer.ACCESS_KEY + ", not-the-secret"})
    void refusedCredentials_exit3_withOneLineSayingAccessIsDenied(String what, String keyId, String secret) {
        for (String command : new String[]{"verify", "backfill"}) {
            Run run = Thumbctl.runWithoutCredentials(Map.of("aws.access-key-id", keyId, "aws.secret-key", secret),
                    at(server, command, "--bucket", "locked"));

            assertThat(run.exit()).as(command + ": " + run.err()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.err()).hasLineCount(1).contains("access denied").contains("locked");
        }
    }
}
