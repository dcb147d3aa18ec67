package io.thumbctl.cli.aws;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.config.InvalidSettingsException;

import java.net.URI;
import java.util.Optional;

/**
 * Where and as whom one command run talks to S3: {@code --endpoint-url}, {@code --region} and
 * {@code --profile} as given on its command line (absent ones are left to the SDK's chains).
 * Immutable; each run makes its own and hands it to {@link AwsConnector}.
 */
public final class ConnectionSettings {

    private static final ConnectionSettings SDK_DEFAULTS = new ConnectionSettings(null, null, null);

    private final @Nullable URI endpoint;
    private final @Nullable String region;
    private final @Nullable String profile;

    private ConnectionSettings(@Nullable URI endpoint, @Nullable String region, @Nullable String profile) {
        this.endpoint = endpoint;
        this.region = region;
        this.profile = profile;
    }

    /**
     * @throws InvalidSettingsException when {@code endpointUrl} is not an http(s) URL
     */
    public static ConnectionSettings of(@Nullable String endpointUrl, @Nullable String region,
                                        @Nullable String profile) {
        return new ConnectionSettings(endpointUrl == null ? null : parseEndpoint(endpointUrl), region, profile);
    }

    /** Nothing given: AWS, with the SDK's region and credentials chains. */
    public static ConnectionSettings sdkDefaults() {
        return SDK_DEFAULTS;
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

    /** For messages: the endpoint the run talks to. */
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
