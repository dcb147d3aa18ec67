package io.thumbctl.cli;

import io.thumbctl.cli.aws.AwsConnection;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.thumbnail.ThumbnailService;
import jakarta.inject.Singleton;

/**
 * Turns the global options into a {@link Session}. The injected {@link ThumbnailSettings} are the
 * function's (same properties, same environment variables); {@code --target-bucket} and
 * {@code --thumbnail-prefix} make modified copies, so the policy and service are built here for
 * the copy rather than taken from the context, where they would hold the unmodified settings.
 */
@Singleton
public class Sessions {

    private final ThumbnailSettings configured;
    private final ObjectStore store;
    private final ThumbnailRenderer renderer;
    private final AwsConnection connection;

    public Sessions(ThumbnailSettings configured, ObjectStore store, ThumbnailRenderer renderer,
                    AwsConnection connection) {
        this.configured = configured;
        this.store = store;
        this.renderer = renderer;
        this.connection = connection;
    }

    /**
     * @throws io.thumbctl.config.InvalidSettingsException when the options cannot work (a bad URL,
     *         thumbnails that would land on their sources); nothing has touched the network yet
     */
    public Session open(GlobalOptions options) {
        connection.configure(options.endpointUrl(), options.region(), options.profile());
        ThumbnailSettings settings = configured;
        if (options.targetBucket() != null) {
            settings = settings.withTargetBucket(options.targetBucket());
        }
        if (options.thumbnailPrefix() != null) {
            settings = settings.withPrefix(options.thumbnailPrefix());
        }
        settings.requireNoRecursion();
        KeyPolicy policy = new KeyPolicy(settings);
        return new Session(settings, policy, new ThumbnailService(store, policy, renderer), store, options.output());
    }
}
