package io.thumbctl.config;

/** A configuration that cannot work; its message says which property to change and how. */
public final class InvalidSettingsException extends RuntimeException {
    public InvalidSettingsException(String message) {
        super(message);
    }
}
