package io.thumbctl.cli.aws;

import io.micronaut.context.ApplicationContext;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.testing.Thumbctl;
import io.thumbctl.cli.testing.Thumbctl.Run;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --region} and {@code --profile} reach the SDK's client as the AWS CLI would apply them. */
class ProfileAndRegionTest {

    @TempDir
    static Path home;

    static S3TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = S3TestServer.start();
        server.createBucket("profiled");
        Path credentials = Files.writeString(home.resolve("credentials"),
                "[ops]\naws_access_key_id = ops-key\naws_secret_access_key = ops-secret\n");
        Path config = Files.writeString(home.resolve("config"), "[profile ops]\nregion = eu-west-1\n");
        // The SDK's own switches for where ~/.aws/credentials and ~/.aws/config are.
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        System.setProperty("aws.configFile", config.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("aws.sharedCredentialsFile");
        System.clearProperty("aws.configFile");
        server.close();
    }

    /** The region the CLI's real chain gives, with {@code properties} as the configuration. */
    private static Region regionFor(String endpoint, String region, String profile, Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(properties).start()) {
            return RegionChain.of(ConnectionSettings.of(endpoint, region, profile), context.getEnvironment())
                    .getRegion();
        }
    }

    @Test
    void regionFlag_winsOverProfileConfigurationAndEndpoint() {
        assertThat(regionFor("http://127.0.0.1:9000", "ap-south-1", "ops", Map.of("aws.region", "sa-east-1")))
                .isEqualTo(Region.AP_SOUTH_1);
    }

    @Test
    void profileRegion_appliesWhenNoRegionIsGiven() {
        assertThat(regionFor("http://127.0.0.1:9000", null, "ops", Map.of("aws.region", "sa-east-1")))
                .isEqualTo(Region.EU_WEST_1);
    }

    @Test
    void configuredRegion_winsOverTheEndpointDefault() {
        assertThat(regionFor("http://127.0.0.1:9000", null, null, Map.of("aws.region", "sa-east-1")))
                .isEqualTo(Region.SA_EAST_1);
    }

    @Test
    void endpointAlone_signsForUsEast1() {
        // AWS_REGION in this process's environment would outrank it, as it should: only where none is set.
        Assumptions.assumeTrue(System.getenv("AWS_REGION") == null, "AWS_REGION is set here");
        assertThat(regionFor("http://127.0.0.1:9000", null, null, Map.of())).isEqualTo(Region.US_EAST_1);
    }

    @Test
    void profileCredentials_areUsed_andAMissingProfileExits3NamingIt() {
        String endpoint = server.endpoint().toString();

        Run ops = Thumbctl.run("--profile", "ops", "--endpoint-url", endpoint, "verify", "--bucket", "profiled");
        Run missing = Thumbctl.run("--profile", "nosuch", "--endpoint-url", endpoint, "verify", "--bucket", "profiled");

        assertThat(ops.exit()).as(ops.err()).isEqualTo(ExitCodes.OK);
        assertThat(missing.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(missing.err()).hasLineCount(1).contains("nosuch");
    }
}
