package io.thumbctl.testing;

import io.micronaut.aws.sdk.v2.client.apache.ApacheClientConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Makes the HTTP client of a test's Micronaut context trust {@link TestTls}'s certificate (and
 * nothing else), for contexts pointed at {@link S3TestServer#startHttps()}: the function then
 * talks TLS to the test server exactly as it does to S3.
 */
@Singleton
@Requires(property = TestTlsTrust.PROPERTY, value = "true")
final class TestTlsTrust implements BeanCreatedEventListener<ApacheClientConfiguration> {

    static final String PROPERTY = "thumbctl.test.trust-test-certificate";

    @Override
    public ApacheClientConfiguration onCreated(BeanCreatedEvent<ApacheClientConfiguration> event) {
        ApacheClientConfiguration configuration = event.getBean();
        configuration.getBuilder().tlsTrustManagersProvider(() -> TestTls.shared().trustManagers());
        return configuration;
    }
}
