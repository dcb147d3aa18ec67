package io.thumbctl.cli;

import io.micronaut.context.BeanProvider;
import io.thumbctl.cli.aws.ConnectionSettings;
import io.thumbctl.cli.aws.AwsClients;
import io.thumbctl.cli.aws.AwsConnector;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.S3ObjectStore;
import io.thumbctl.storage.S3Timeouts;
import io.thumbctl.thumbnail.ThumbnailService;
import jakarta.inject.Singleton;

/**
 * Builds the {@link CommandServices} of one command run from its global options. The injected
 * {@link ThumbnailSettings} are the function's (same properties, same environment variables);
 * {@code --target-bucket} and {@code --thumbnail-prefix} make modified copies, so the policy and
 * service are built here for the copy rather than taken from the context, where they would hold
 * the unmodified settings. The store is the function's, with the same {@code thumbnail.s3.*}
 * timeouts, over the run's own AWS clients: nothing one run sets stays behind for the next.
 */
@Singleton
public class CommandServicesFactory {

    // Providers: the settings are read when a command runs, not when picocli builds every command
    // object, so a bad THUMBNAIL_* value is reported as one line by the error handler and --help
    // still works.
    private final BeanProvider<ThumbnailSettings> configured;
    private final BeanProvider<S3Timeouts> timeouts;
    private final ThumbnailRenderer renderer;
    private final AwsConnector connector;

    public CommandServicesFactory(BeanProvider<ThumbnailSettings> configured, BeanProvider<S3Timeouts> timeouts,
                                  ThumbnailRenderer renderer, AwsConnector connector) {
        this.configured = configured;
        this.timeouts = timeouts;
        this.renderer = renderer;
        this.connector = connector;
    }

    /**
     * @throws io.thumbctl.config.InvalidSettingsException when the options cannot work (a bad URL,
     *         thumbnails that would land on their sources); nothing has touched the network yet
     */
    public CommandServices open(GlobalOptions options) {
        ConnectionSettings connection = options.connection();
        ThumbnailSettings settings = options.thumbnailOverrides().applyTo(configured.get());
        settings.requireNoRecursion();
        KeyPolicy policy = new KeyPolicy(settings);
        AwsClients aws = connector.connect(connection);
        S3ObjectStore store = new S3ObjectStore(aws.s3(), timeouts.get());
        return new CommandServices(settings, policy, new ThumbnailService(store, policy, renderer), store, aws);
    }
}
