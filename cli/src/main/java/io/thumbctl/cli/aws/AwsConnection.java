package io.thumbctl.cli.aws;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.config.InvalidSettingsException;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Optional;

/**
 * Where and as whom the CLI talks to S3, from the global options. A command fills it in after
 * parsing and before its first S3 call; {@link S3ClientCustomizer} applies it when the SDK's
 * client is built, which happens lazily on that first call. Parsing, help and usage errors
 * therefore never build a client and never touch the network.
 */
@Singleton
public class AwsConnection {

    private volatile URI endpoint;
    private volatile String region;
    private volatile String profile;

    public void configure(@Nullable String endpointUrl, @Nullable String region, @Nullable String profile) {
        this.endpoint = endpointUrl == null ? null : parseEndpoint(endpointUrl);
        this.region = region;
        this.profile = profile;
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    /** For messages: the endpoint the CLI talked to. */
    public String describe() {
        if (endpoint != null) {
            return endpoint.toString();
        }
        return "AWS S3" + (region == null ? "" : " in " + region);
    }

    private static URI parseEndpoint(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("--endpoint-url '" + url
                    + "' is not an http(s) URL; use for example http://127.0.0.1:9000");
        }
    }
}
