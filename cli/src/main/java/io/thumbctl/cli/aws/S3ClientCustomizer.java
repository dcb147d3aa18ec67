package io.thumbctl.cli.aws;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Applies {@code --endpoint-url} and {@code --profile} to the builder
 * micronaut-aws-sdk-v2 makes for its {@code S3Client} bean, so the CLI keeps using the module's
 * client (its HTTP client, retries, user agent) instead of building its own. The region goes
 * through {@link RegionFactory}: the module asks for it before this listener runs.
 */
@Singleton
public class S3ClientCustomizer implements BeanCreatedEventListener<S3ClientBuilder> {

    private final AwsConnection connection;

    public S3ClientCustomizer(AwsConnection connection) {
        this.connection = connection;
    }

    @Override
    public S3ClientBuilder onCreated(BeanCreatedEvent<S3ClientBuilder> event) {
        S3ClientBuilder builder = event.getBean();
        connection.endpoint().ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        connection.profile().ifPresent(name -> builder.credentialsProvider(ProfileCredentialsProvider.create(name)));
        return builder;
    }
}
