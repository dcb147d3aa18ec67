package io.thumbctl.cli;

import io.thumbctl.cli.output.OutputMode;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.thumbnail.ThumbnailService;

/**
 * What one command run works with: the function's settings with the command line's overrides
 * applied, and the policy and thumbnail service built for exactly those settings.
 */
public record Session(ThumbnailSettings settings, KeyPolicy policy, ThumbnailService thumbnails,
                      ObjectStore store, OutputMode output) {
}
