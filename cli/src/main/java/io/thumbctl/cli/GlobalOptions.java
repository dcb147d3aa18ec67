package io.thumbctl.cli;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.cli.output.OutputMode;
import picocli.CommandLine.Option;

/**
 * The options every command accepts, before the command name ({@code thumbctl --region R verify})
 * or after it ({@code thumbctl verify --region R}). The root command and each subcommand mix in
 * their own copy; {@link #over} merges them, the one nearer the end of the command line winning,
 * as in the AWS CLI. Fields stay {@code null} when not given so that the merge can tell.
 */
public class GlobalOptions {

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "S3-compatible endpoint to use instead of AWS's (path-style addressing). "
                    + "Default: the SDK's (AWS).")
    @Nullable String endpointUrl;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region. Default: the region of --profile, else the SDK's chain (AWS_REGION, "
                    + "~/.aws/config); with --endpoint-url and none of those, us-east-1.")
    @Nullable String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Named profile from ~/.aws/credentials and ~/.aws/config. "
                    + "Default: the SDK's default credentials chain.")
    @Nullable String profile;

    @Option(names = "--target-bucket", paramLabel = "BUCKET",
            description = "Bucket that holds the thumbnails. Default: thumbnail.target-bucket, else the source bucket.")
    @Nullable String targetBucket;

    @Option(names = "--thumbnail-prefix", paramLabel = "PREFIX",
            description = "String put before the source key to make the thumbnail key. "
                    + "Default: thumbnail.prefix, else 'thumbnails/'.")
    @Nullable String thumbnailPrefix;

    @Option(names = "--output", paramLabel = "text|json",
            description = "text for people, json for one JSON document on stdout. Default: text.")
    @Nullable OutputMode output;

    @Option(names = "--debug", description = "Show stack traces of errors.")
    @Nullable Boolean debug;

    /** These options, with {@code outer}'s (given before the command name) filling the gaps. */
    public GlobalOptions over(@Nullable GlobalOptions outer) {
        if (outer == null) {
            return this;
        }
        GlobalOptions merged = new GlobalOptions();
        merged.endpointUrl = endpointUrl != null ? endpointUrl : outer.endpointUrl;
        merged.region = region != null ? region : outer.region;
        merged.profile = profile != null ? profile : outer.profile;
        merged.targetBucket = targetBucket != null ? targetBucket : outer.targetBucket;
        merged.thumbnailPrefix = thumbnailPrefix != null ? thumbnailPrefix : outer.thumbnailPrefix;
        merged.output = output != null ? output : outer.output;
        merged.debug = debug != null ? debug : outer.debug;
        return merged;
    }

    public @Nullable String endpointUrl() {
        return endpointUrl;
    }

    public @Nullable String region() {
        return region;
    }

    public @Nullable String profile() {
        return profile;
    }

    public @Nullable String targetBucket() {
        return targetBucket;
    }

    public @Nullable String thumbnailPrefix() {
        return thumbnailPrefix;
    }

    public OutputMode output() {
        return output == null ? OutputMode.TEXT : output;
    }

    public boolean debug() {
        return Boolean.TRUE.equals(debug);
    }
}
