package io.thumbctl.cli;

import picocli.CommandLine.Option;

/** Which source objects a command works on: {@code --bucket} and {@code --prefix}. */
public class SourceOptions {

    @Option(names = "--bucket", required = true, paramLabel = "BUCKET", description = "Source bucket.")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Only sources whose key starts with this (and their thumbnails).")
    String prefix;

    public String bucket() {
        return bucket;
    }

    public String prefix() {
        return prefix;
    }
}
