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
                new EnvironmentAwsRegionProvider(environment),
                new DefaultAwsRegionProviderChain());
    }

    /** {@code null} (next in chain) when the command line says nothing about the region. */
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
            // As the AWS CLI does: a named profile's own region applies when none is given.
            return connection.profile().map(name -> new AwsProfileRegionProvider(null, name).getRegion())
                    .orElse(null);
        }
    }
}
