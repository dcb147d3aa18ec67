package io.thumbctl.cli.job;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.thumbctl.cli.aws.AwsConnection;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK clients the job commands need besides S3: S3 Control (the job API), CloudFormation
 * ({@code --stack}) and STS (whose account, for {@code thumbctl job}). micronaut-aws-sdk-v2 has no
 * factory for them, so they are built here the way it builds its own: its credentials chain
 * ({@code aws.access-key-id}, then the SDK's), the CLI's region chain, and the Apache HTTP client.
 * {@code --endpoint-url} and {@code --profile} apply to them as to S3. Built on first use, after
 * the command has configured the {@link AwsConnection}.
 */
@Factory
public class JobClients {

    private final AwsConnection connection;
    private final AwsCredentialsProviderChain credentials;
    private final AwsRegionProviderChain regions;

    public JobClients(AwsConnection connection, AwsCredentialsProviderChain credentials, AwsRegionProviderChain regions) {
        this.connection = connection;
        this.credentials = credentials;
        this.regions = regions;
    }

    @Singleton
    @Bean(preDestroy = "close")
    public S3ControlClient s3Control() {
        var builder = configured(S3ControlClient.builder());
        // S3 Control's endpoint rules put the account id in front of the host
        // ({account}.s3-control.{region}.amazonaws.com), and they do so for an endpoint override
        // too, which turns 127.0.0.1 into 123456789012.127.0.0.1. An endpoint given on the command
        // line is used exactly as given, as for S3; the account still travels in x-amz-account-id.
        connection.endpoint().ifPresent(endpoint -> builder.endpointProvider(params -> exactly(endpoint)));
        return builder.build();
    }

    @Singleton
    @Bean(preDestroy = "close")
    public CloudFormationClient cloudFormation() {
        return overridden(configured(CloudFormationClient.builder())).build();
    }

    @Singleton
    @Bean(preDestroy = "close")
    public StsClient sts() {
        return overridden(configured(StsClient.builder())).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(B builder) {
        AwsCredentialsProvider provider = connection.profile()
                .<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
                .orElse(credentials);
        return builder.credentialsProvider(provider)
                .region(regions.getRegion())
                .httpClientBuilder(ApacheHttpClient.builder());
    }

    private <B extends AwsClientBuilder<B, ?>> B overridden(B builder) {
        connection.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    private static CompletableFuture<Endpoint> exactly(URI endpoint) {
        return CompletableFuture.completedFuture(Endpoint.builder().url(endpoint).build());
    }
}
