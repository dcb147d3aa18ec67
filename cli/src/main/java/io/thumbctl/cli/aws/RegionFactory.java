package io.thumbctl.cli.aws;

import io.micronaut.aws.sdk.v2.CredentialsAndRegionFactory;
import io.micronaut.aws.sdk.v2.EnvironmentAwsRegionProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The region chain of micronaut-aws-sdk-v2 with {@code --region} (and the region of
 * {@code --profile}) in front. It replaces the module's chain because the module resolves the
 * region while creating the client builder, before any builder listener could change it.
 */
@Factory
public class RegionFactory {

    @Singleton
    @Replaces(bean = AwsRegionProviderChain.class, factory = CredentialsAndRegionFactory.class)
    public AwsRegionProviderChain awsRegionProvider(Environment environment, AwsConnection connection) {
        return new AwsRegionProviderChain(
                new CommandLineRegionProvider(connection),
                new EnvironmentAwsRegionProvider(environment), // aws.region, AWS_REGION
                new EndpointRegionProvider(connection),
                new DefaultAwsRegionProviderChain());
    }

    /**
     * {@code --region}, else the region of {@code --profile} (as the AWS CLI does); {@code null}
     * (next in the chain) when the command line names neither.
     */
    static final class CommandLineRegionProvider implements AwsRegionProvider {

        private final AwsConnection connection;

        CommandLineRegionProvider(AwsConnection connection) {
            this.connection = connection;
        }

        @Override
        public Region getRegion() {
            if (connection.region().isPresent()) {
                return Region.of(connection.region().get());
            }
            if (connection.profile().isPresent()) {
                try {
                    return new AwsProfileRegionProvider(null, connection.profile().get()).getRegion();
                } catch (RuntimeException noRegionInProfile) {
                    // next in the chain
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

        private final AwsConnection connection;

        EndpointRegionProvider(AwsConnection connection) {
            this.connection = connection;
        }

        @Override
        public Region getRegion() {
            return connection.endpoint().isPresent() ? ENDPOINT_DEFAULT_REGION : null;
        }
    }
}
