package io.thumbctl.cli.aws;

import io.micronaut.aws.sdk.v2.client.apache.ApacheClientConfiguration;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * The HTTP client's connect and socket timeouts from {@link ClientTimeouts}, unless
 * {@code aws.apache-client.*} sets them itself. The SDK's call timeout does not cover reading a
 * streamed download; the socket timeout does, one read at a time.
 */
@Singleton
final class HttpClientTimeouts implements BeanCreatedEventListener<ApacheClientConfiguration> {

    private final ClientTimeouts timeouts;
    private final Environment environment;

    HttpClientTimeouts(ClientTimeouts timeouts, Environment environment) {
        this.timeouts = timeouts;
        this.environment = environment;
    }

    @Override
    public ApacheClientConfiguration onCreated(BeanCreatedEvent<ApacheClientConfiguration> event) {
        ApacheClientConfiguration configuration = event.getBean();
        if (!environment.containsProperty("aws.apache-client.socket-timeout")) {
            configuration.getBuilder().socketTimeout(timeouts.socketTimeout());
        }
        if (!environment.containsProperty("aws.apache-client.connection-timeout")) {
            configuration.getBuilder().connectionTimeout(timeouts.connectTimeout());
        }
        return configuration;
    }
}
