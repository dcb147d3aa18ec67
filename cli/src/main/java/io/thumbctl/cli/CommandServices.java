package io.thumbctl.cli;

import io.thumbctl.cli.aws.AwsClients;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.thumbnail.ThumbnailService;

/**
 * The function's services as one command line configures them: the function's settings with
 * the command line's overrides applied, the policy and thumbnail service built for exactly those
 * settings, and a store over the run's own AWS clients (which the Batch Operations engine uses
 * too). Close it when the command is done: that closes the clients the run built.
 */
public record CommandServices(ThumbnailSettings settings, KeyPolicy policy, ThumbnailService thumbnails,
                              ObjectStore store, AwsClients aws) implements AutoCloseable {

    @Override
    public void close() {
        aws.close();
    }
}
