package io.thumbctl.cli.aws;

import io.micronaut.aws.sdk.v2.service.AWSServiceConfiguration;
import io.micronaut.aws.sdk.v2.service.AwsClientFactory;
import io.micronaut.aws.ua.UserAgentProvider;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;

import java.util.function.Supplier;

/**
 * micronaut-aws-sdk-v2's client factory for a service the module has no factory of its own for
 * (S3 Control, CloudFormation, STS): the same HTTP client, credentials chain, region chain, user
 * agent and {@code aws.services.NAME.*} configuration as the S3 client it makes. Synchronous
 * clients only; the async types only satisfy the module's signature.
 */
final class SyncClientFactory<SB extends AwsSyncClientBuilder<SB, SC> & AwsClientBuilder<SB, SC>, SC,
        AB extends AwsAsyncClientBuilder<AB, AC> & AwsClientBuilder<AB, AC>, AC extends SdkClient>
        extends AwsClientFactory<SB, AB, SC, AC> {

    private final Supplier<SB> builder;

    SyncClientFactory(Supplier<SB> builder, AwsCredentialsProviderChain credentials, AwsRegionProviderChain regions,
                      @Nullable UserAgentProvider userAgent, @Nullable AWSServiceConfiguration configuration) {
        super(credentials, regions, userAgent, configuration);
        this.builder = builder;
    }

    @Override
    protected SB createSyncBuilder() {
        return builder.get();
    }

    @Override
    protected AB createAsyncBuilder() {
        throw new UnsupportedOperationException("thumbctl uses synchronous clients only");
    }
}
