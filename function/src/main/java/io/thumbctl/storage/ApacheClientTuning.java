package io.thumbctl.storage;

import io.micronaut.aws.sdk.v2.client.apache.ApacheClientConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * The Apache HTTP client adds {@code Expect: 100-continue} to every request with a body unless
 * told not to; the S3 client asks for the handshake itself where it is worth one
 * ({@link ExpectContinueForLargeUploads}).
 */
@Singleton
final class ApacheClientTuning implements BeanCreatedEventListener<ApacheClientConfiguration> {

    @Override
    public ApacheClientConfiguration onCreated(BeanCreatedEvent<ApacheClientConfiguration> event) {
        ApacheClientConfiguration configuration = event.getBean();
        configuration.getBuilder().expectContinueEnabled(false);
        return configuration;
    }
}
