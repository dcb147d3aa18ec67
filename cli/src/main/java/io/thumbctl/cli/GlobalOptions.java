package io.thumbctl.cli;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.cli.aws.ConnectionSettings;
import io.thumbctl.cli.output.OutputMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command accepts, declared once on the root command and inherited by every
 * command: given before the command name ({@code thumbctl --region R verify}) or after it
 * ({@code thumbctl verify --region R}), they land here, the one nearer the end of the command
 * line winning, as in the AWS CLI. Fields stay {@code null} when not given.
 */
public class GlobalOptions {

    @Option(names = "--endpoint-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "S3-compatible endpoint to use instead of AWS's (path-style addressing). "
                    + "Default: the SDK's (AWS).")
    @Nullable String endpointUrl;

    @Option(names = "--region", paramLabel = "REGION", scope = ScopeType.INHERIT,
            description = "AWS region. Default: the region of --profile, else the SDK's chain (AWS_REGION, "
                    + "~/.aws/config); with --endpoint-url and none of those, us-east-1.")
    @Nullable String region;

    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Named profile from ~/.aws/credentials and ~/.aws/config. "
                    + "Default: the SDK's default credentials chain.")
    @Nullable String profile;

    @Option(names = "--target-bucket", paramLabel = "BUCKET", scope = ScopeType.INHERIT,
            description = "Bucket that holds the thumbnails. Default: thumbnail.target-bucket, else the source bucket.")
    @Nullable String targetBucket;

    @Option(names = "--thumbnail-prefix", paramLabel = "PREFIX", scope = ScopeType.INHERIT,
            description = "String put before the source key to make the thumbnail key. "
                    + "Default: thumbnail.prefix, else 'thumbnails/'.")
    @Nullable String thumbnailPrefix;

    @Option(names = "--renditions", paramLabel = "LIST", scope = ScopeType.INHERIT,
            description = "The renditions each source gets, as THUMBNAIL_RENDITIONS says: NAME:WxH items, "
                    + "comma-separated, each with any of a format (same, jpeg, png, webp, avif), a quality (q1-q100) "
                    + "and a fit (inside, cover), e.g. small:128x128,medium:640x640:webp:q80. "
                    + "Default: thumbnail.renditions, else one thumbnail per source.")
    @Nullable String renditions;

    @Option(names = "--output", paramLabel = "text|json", scope = ScopeType.INHERIT,
            description = "text for people, json for one JSON document on stdout. Default: text.")
    @Nullable OutputMode output;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    /** The global options of the command line {@code command} is part of, wherever they were given. */
    public static GlobalOptions of(CommandSpec command) {
        return command.root().userObject() instanceof ThumbctlCommand root ? root.globalOptions() : new GlobalOptions();
    }

    /** Whether any of the options that say where and as whom to reach S3 was given. */
    public boolean connectionGiven() {
        return endpointUrl != null || region != null || profile != null;
    }

    /**
     * @throws io.thumbctl.config.InvalidSettingsException when {@code --endpoint-url} is not a URL
     */
    public ConnectionSettings connection() {
        return ConnectionSettings.of(endpointUrl, region, profile);
    }

    public ThumbnailOverrides thumbnailOverrides() {
        return new ThumbnailOverrides(targetBucket, thumbnailPrefix, renditions);
    }

    public OutputMode output() {
        return output == null ? OutputMode.TEXT : output;
    }

    public boolean debug() {
        return debug;
    }
}
