package io.thumbctl.cli.aws;

import io.micronaut.aws.sdk.v2.service.AWSServiceConfiguration;
import io.micronaut.aws.sdk.v2.service.s3.S3ClientFactory;
import io.micronaut.aws.sdk.v2.service.s3.S3ConfigurationProperties;
import io.micronaut.aws.ua.UserAgentProvider;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.env.Environment;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Makes the S3 client of one command run from its {@link ConnectionSettings}. The client is the
 * one micronaut-aws-sdk-v2 would make (its factory, HTTP client, credentials chain, user agent,
 * {@code aws.services.s3.*} and {@code aws.s3.*} configuration), with {@link RegionChain} as its
 * region chain and {@code --endpoint-url} and {@code --profile} applied on top. Each run gets a
 * client of its own, so nothing one run sets can leak into another.
 *
 * <p>Nothing is looked up here: the beans are fetched, and the client built, on the run's first
 * S3 call. Parsing, {@code --help} and usage errors therefore never touch the network.
 */
@Singleton
public class S3Connector {

    private final BeanProvider<SdkHttpClient> httpClient;
    private final BeanProvider<AwsCredentialsProviderChain> credentials;
    private final BeanProvider<S3ConfigurationProperties> s3Configuration;
    private final BeanProvider<UserAgentProvider> userAgent;
    private final BeanProvider<AWSServiceConfiguration> serviceConfiguration;
    private final Environment environment;

    public S3Connector(BeanProvider<SdkHttpClient> httpClient, BeanProvider<AwsCredentialsProviderChain> credentials,
                       BeanProvider<S3ConfigurationProperties> s3Configuration,
                       BeanProvider<UserAgentProvider> userAgent,
                       @Named(S3Client.SERVICE_NAME) BeanProvider<AWSServiceConfiguration> serviceConfiguration,
                       Environment environment) {
        this.httpClient = httpClient;
        this.credentials = credentials;
        this.s3Configuration = s3Configuration;
        this.userAgent = userAgent;
        this.serviceConfiguration = serviceConfiguration;
        this.environment = environment;
    }

    /** A client for {@code settings}, built on first use; close it when the run ends. */
    public LazyS3Client connect(ConnectionSettings settings) {
        return new LazyS3Client(() -> build(settings));
    }

    private S3Client build(ConnectionSettings settings) {
        S3ClientFactory module = new S3ClientFactory(credentials.get(), RegionChain.of(settings, environment),
                s3Configuration.get(), userAgent.orElse(null), serviceConfiguration.orElse(null));
        S3ClientBuilder builder = module.syncBuilder(httpClient.get());
        settings.endpoint().ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        settings.profile().ifPresent(name -> builder.credentialsProvider(ProfileCredentialsProvider.create(name)));
        return module.syncClient(builder);
    }
}
