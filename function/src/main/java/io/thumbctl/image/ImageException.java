package io.thumbctl.image;

/**
 * An image we will never be able to thumbnail, whatever we retry: the reason word says why
 * ({@code corrupt}, {@code unsupported-format}, {@code too-many-pixels}).
 */
public final class ImageException extends Exception {

    public static final String CORRUPT = "corrupt";
    public static final String UNSUPPORTED_FORMAT = "unsupported-format";
    public static final String TOO_MANY_PIXELS = "too-many-pixels";

    private final String reason;

    public ImageException(String reason, String message) {
        this(reason, message, null);
    }

    public ImageException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
