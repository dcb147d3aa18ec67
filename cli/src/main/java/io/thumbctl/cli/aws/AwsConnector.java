package io.thumbctl.cli.aws;

import io.micronaut.aws.sdk.v2.service.AWSServiceConfiguration;
import io.micronaut.aws.sdk.v2.service.s3.S3ClientFactory;
import io.micronaut.aws.sdk.v2.service.s3.S3ConfigurationProperties;
import io.micronaut.aws.ua.UserAgentProvider;
import io.micronaut.context.BeanLocator;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.env.Environment;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationAsyncClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationAsyncClientBuilder;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3control.S3ControlAsyncClient;
import software.amazon.awssdk.services.s3control.S3ControlAsyncClientBuilder;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.S3ControlClientBuilder;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.services.sts.StsAsyncClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Makes the AWS clients of one command run from its {@link ConnectionSettings}, all alike: the
 * clients micronaut-aws-sdk-v2 would make (its S3 factory, or its generic factory for the other
 * services: HTTP client, credentials chain, user agent, {@code aws.services.NAME.*}, and for S3
 * {@code aws.s3.*}), with {@link RegionChain} as their region chain and {@code --endpoint-url} and
 * {@code --profile} applied on top, and every call bounded by {@link ClientTimeouts}. Each run gets clients of its own, so nothing one run sets can
 * leak into another.
 *
 * <p>Nothing is looked up here: the beans are fetched, and a client built, on the run's first
 * call to it. Parsing, {@code --help} and usage errors therefore never touch the network.
 */
@Singleton
public class AwsConnector {

    private final BeanProvider<SdkHttpClient> httpClient;
    private final BeanProvider<AwsCredentialsProviderChain> credentials;
    private final BeanProvider<S3ConfigurationProperties> s3Configuration;
    private final BeanProvider<UserAgentProvider> userAgent;
    private final BeanProvider<ClientTimeouts> timeouts;
    private final BeanLocator beans;
    private final Environment environment;

    public AwsConnector(BeanProvider<SdkHttpClient> httpClient, BeanProvider<AwsCredentialsProviderChain> credentials,
                        BeanProvider<S3ConfigurationProperties> s3Configuration,
                        BeanProvider<UserAgentProvider> userAgent, BeanProvider<ClientTimeouts> timeouts,
                        BeanLocator beans, Environment environment) {
        this.httpClient = httpClient;
        this.credentials = credentials;
        this.s3Configuration = s3Configuration;
        this.userAgent = userAgent;
        this.timeouts = timeouts;
        this.beans = beans;
        this.environment = environment;
    }

    /** The run's clients for {@code settings}, each built on first use; close them when the run ends. */
    public AwsClients connect(ConnectionSettings settings) {
        return new AwsClients(
                new LazyClient<>("S3", () -> s3(settings)),
                new LazyClient<>("S3 Control", () -> s3Control(settings)),
                new LazyClient<>("CloudFormation", () -> cloudFormation(settings)),
                new LazyClient<>("STS", () -> sts(settings)));
    }

    private S3Client s3(ConnectionSettings settings) {
        S3ClientFactory module = new S3ClientFactory(credentials.get(), RegionChain.of(settings, environment),
                s3Configuration.get(), userAgent.orElse(null), serviceConfiguration(S3Client.SERVICE_NAME));
        S3ClientBuilder builder = asGiven(module.syncBuilder(httpClient.get()), settings);
        settings.endpoint().ifPresent(uri -> builder.endpointOverride(uri).serviceConfiguration(pathStyle()));
        return module.syncClient(builder);
    }

    /**
     * Path style for an endpoint: set in the module's S3Configuration (so {@code aws.s3.*} keeps
     * its other settings), and only there. The SDK refuses a client whose path style is set both
     * there and with {@code forcePathStyle} on the builder, which {@code aws.s3.path-style-access-enabled}
     * (or {@code AWS_S3_PATH_STYLE_ACCESS_ENABLED}) next to {@code --endpoint-url} used to cause.
     */
    private S3Configuration pathStyle() {
        return s3Configuration.get().getBuilder().build().toBuilder().pathStyleAccessEnabled(true).build();
    }

    private S3ControlClient s3Control(ConnectionSettings settings) {
        var module = new SyncClientFactory<S3ControlClientBuilder, S3ControlClient, S3ControlAsyncClientBuilder,
                S3ControlAsyncClient>(S3ControlClient::builder, credentials.get(), RegionChain.of(settings, environment),
                userAgent.orElse(null), serviceConfiguration("s3control"));
        S3ControlClientBuilder builder = asGiven(module.syncBuilder(httpClient.get()), settings);
        // S3 Control's endpoint rules put the account id in front of the host
        // ({account}.s3-control.{region}.amazonaws.com), and they do so for an endpoint override
        // too, which turns 127.0.0.1 into 123456789012.127.0.0.1. An endpoint given on the command
        // line is used exactly as given, as for S3; the account still travels in x-amz-account-id.
        settings.endpoint().ifPresent(uri -> builder.endpointProvider(params -> exactly(uri)));
        return module.syncClient(builder);
    }

    private CloudFormationClient cloudFormation(ConnectionSettings settings) {
        var module = new SyncClientFactory<CloudFormationClientBuilder, CloudFormationClient,
                CloudFormationAsyncClientBuilder, CloudFormationAsyncClient>(CloudFormationClient::builder,
                credentials.get(), RegionChain.of(settings, environment), userAgent.orElse(null),
                serviceConfiguration(CloudFormationClient.SERVICE_NAME));
        CloudFormationClientBuilder builder = asGiven(module.syncBuilder(httpClient.get()), settings);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return module.syncClient(builder);
    }

    private StsClient sts(ConnectionSettings settings) {
        var module = new SyncClientFactory<StsClientBuilder, StsClient, StsAsyncClientBuilder, StsAsyncClient>(
                StsClient::builder, credentials.get(), RegionChain.of(settings, environment), userAgent.orElse(null),
                serviceConfiguration(StsClient.SERVICE_NAME));
        StsClientBuilder builder = asGiven(module.syncBuilder(httpClient.get()), settings);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return module.syncClient(builder);
    }

    /**
     * {@code --profile}'s credentials instead of the chain's, and the call and attempt timeouts
     * ({@link ClientTimeouts}), for every service alike.
     */
    private <B extends AwsClientBuilder<B, ?>> B asGiven(B builder, ConnectionSettings settings) {
        settings.profile().ifPresent(name -> builder.credentialsProvider(ProfileCredentialsProvider.create(name)));
        builder.overrideConfiguration(timeouts.get().applyTo(builder.overrideConfiguration()));
        return builder;
    }

    /** {@code aws.services.NAME.*}, when configured. */
    private AWSServiceConfiguration serviceConfiguration(String name) {
        return beans.findBean(AWSServiceConfiguration.class, Qualifiers.byName(name)).orElse(null);
    }

    private static CompletableFuture<Endpoint> exactly(URI endpoint) {
        return CompletableFuture.completedFuture(Endpoint.builder().url(endpoint).build());
    }
}
