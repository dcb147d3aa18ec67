package io.thumbctl.cli.output;

/** {@code --output}: text for people, one JSON document for {@code jq}. */
public enum OutputMode {
    TEXT,
    JSON
}
