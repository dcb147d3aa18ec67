package io.thumbctl.image;

/**
 * An image we will never be able to thumbnail, whatever we retry: the reason word says why
 * ({@code corrupt}, {@code unsupported-format}, {@code too-many-pixels}).
 *
 * <p>{@code unsupported-format} also covers a format this build cannot decode where it runs: a
 * HEIC/HEIF/AVIF source when the bundled libheif is not loaded (another platform, switched off,
 * or a load failure, which the log names). The file may be fine; retrying on the same deployment
 * fails the same way, and a backfill after the deployment is fixed renders it.
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
