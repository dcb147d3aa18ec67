package io.thumbctl.cli.aws;

import io.micronaut.aws.sdk.v2.EnvironmentAwsRegionProvider;
import io.micronaut.context.env.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The region chain of micronaut-aws-sdk-v2 ({@code aws.region}, {@code AWS_REGION}, then the
 * SDK's chain) with the command line in front: {@code --region}, else the region of
 * {@code --profile}; and, with {@code --endpoint-url} and no region anywhere in the
 * configuration, us-east-1.
 */
final class RegionChain {

    private static final Logger LOG = LoggerFactory.getLogger(RegionChain.class);

    private RegionChain() {
    }

    static AwsRegionProviderChain of(ConnectionSettings settings, Environment environment) {
        return new AwsRegionProviderChain(
                new CommandLineRegionProvider(settings),
                new EnvironmentAwsRegionProvider(environment), // aws.region, AWS_REGION
                new EndpointRegionProvider(settings),
                new DefaultAwsRegionProviderChain());
    }

    /**
     * {@code --region}, else the region of {@code --profile} (as the AWS CLI does); {@code null}
     * (next in the chain) when the command line names neither.
     */
    static final class CommandLineRegionProvider implements AwsRegionProvider {

        private final ConnectionSettings settings;

        CommandLineRegionProvider(ConnectionSettings settings) {
            this.settings = settings;
        }

        @Override
        public Region getRegion() {
            if (settings.region().isPresent()) {
                return Region.of(settings.region().get());
            }
            if (settings.profile().isPresent()) {
                try {
                    return new AwsProfileRegionProvider(null, settings.profile().get()).getRegion();
                } catch (RuntimeException noRegionInProfile) {
                    // next in the chain, which says what it lacked if nothing has a region
                    LOG.debug("no region in profile {}", settings.profile().get(), noRegionInProfile);
                }
            }
            return null;
        }
    }

    /**
     * With {@code --endpoint-url} and no region anywhere in the configuration: S3-compatible
     * servers ignore the region, but SigV4 needs one to sign with. Comes before the SDK's own
     * chain, whose last resort asks the EC2 instance metadata service and waits for it.
     */
    static final class EndpointRegionProvider implements AwsRegionProvider {

        static final Region ENDPOINT_DEFAULT_REGION = Region.US_EAST_1;

        private final ConnectionSettings settings;

        EndpointRegionProvider(ConnectionSettings settings) {
            this.settings = settings;
        }

        @Override
        public Region getRegion() {
            return settings.endpoint().isPresent() ? ENDPOINT_DEFAULT_REGION : null;
        }
    }
}
