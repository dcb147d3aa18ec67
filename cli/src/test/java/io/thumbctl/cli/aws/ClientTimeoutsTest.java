package io.thumbctl.cli.aws;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.thumbctl.storage.S3Timeouts;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every client a run builds carries the call and attempt timeouts, and the defaults keep a command
 * against an endpoint that never answers under the 90 s {@link SilentEndpointTest} holds it to
 * (which runs with short timeouts, to be quick).
 */
class ClientTimeoutsTest {

    /** JVM start, context and client set-up, the error line: generous room next to the one call. */
    static final Duration START_AND_EXIT = Duration.ofSeconds(30);

    @Test
    void defaults_giveUpOnASilentEndpointWellWithin90Seconds() {
        ClientTimeouts defaults = ClientTimeouts.defaults();

        assertThat(defaults.callTimeout().plus(START_AND_EXIT)).isLessThanOrEqualTo(SilentEndpointTest.BOUND);
        assertThat(defaults.attemptTimeout()).isLessThan(defaults.callTimeout());
        // The S3 commands go through the function's object store, whose own call timeout applies.
        assertThat(S3Timeouts.defaults().callTimeout().plus(START_AND_EXIT)).isLessThanOrEqualTo(SilentEndpointTest.BOUND);
    }

    @Test
    void defaults_areTheConfiguredOnesWhenNothingIsSet() {
        try (ApplicationContext context = ApplicationContext.builder(Environment.CLI).deduceEnvironment(false).start()) {
            assertThat(context.getBean(ClientTimeouts.class)).isEqualTo(ClientTimeouts.defaults());
        }
    }

    @Test
    void everyClientOfARun_hasTheCallAndAttemptTimeouts() {
        try (ApplicationContext context = ApplicationContext.builder(Environment.CLI).deduceEnvironment(false)
                .properties(Map.of("aws.access-key-id", "id", "aws.secret-key", "secret",
                        "thumbctl.aws.call-timeout", "7s", "thumbctl.aws.attempt-timeout", "3s"))
                .start();
             AwsClients aws = context.getBean(AwsConnector.class)
                     .connect(ConnectionSettings.of("http://127.0.0.1:1", "us-east-1", null))) {
            List<SdkClient> clients = List.of(aws.s3().get(), aws.s3Control().get(), aws.cloudFormation().get(),
                    aws.sts().get());

            for (SdkClient client : clients) {
                ClientOverrideConfiguration config = client.serviceClientConfiguration().overrideConfiguration();
                assertThat(config.apiCallTimeout()).as(client.serviceName()).contains(Duration.ofSeconds(7));
                assertThat(config.apiCallAttemptTimeout()).as(client.serviceName()).contains(Duration.ofSeconds(3));
            }
        }
    }

    @Test
    void anUpload_getsTimeForItsBytes() {
        ClientTimeouts timeouts = new ClientTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(45),
                Duration.ofSeconds(5), Duration.ofSeconds(20));

        var part = timeouts.forUpload(64L << 20);

        // 64 MiB at the slowest rate allowed, 256 KiB/s: 256 s more for the attempt.
        assertThat(part.apiCallAttemptTimeout()).contains(Duration.ofSeconds(20 + 256));
        assertThat(part.apiCallTimeout().orElseThrow()).isGreaterThan(part.apiCallAttemptTimeout().orElseThrow());
        assertThat(timeouts.forUpload(0).apiCallTimeout()).contains(Duration.ofSeconds(45));
    }
}
