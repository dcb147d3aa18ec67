package io.thumbctl.image;

/**
 * A render that failed for a reason that is not known to lie in the file, so trying again (in a
 * fresh execution environment, or with more memory or CPU) can succeed: the JVM ran out of
 * memory, another virtual-machine error, or the render outlasted its time bound.
 *
 * <p>The counterpart of {@link ImageException}, which is only thrown when a decoder rejects these
 * exact bytes (the same bytes fail the same way on every try). Unchecked on purpose: a caller
 * that does not know this type treats it as unexpected, and unexpected failures are retried too.
 */
public final class RetryableRenderException extends RuntimeException {

    /** The heap (or native memory) ran out while rendering; on Lambda, a larger memory size helps. */
    public static final String OUT_OF_MEMORY = "out-of-memory";
    /** The render took longer than its bound; on Lambda, a larger memory size also buys CPU. */
    public static final String TIMEOUT = "render-timeout";
    /** Any other {@link Error} (a stack overflow, an internal JVM error, a native library that failed to link). */
    public static final String VM_ERROR = "render-error";

    private final String reason;

    public RetryableRenderException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The failure reason word: {@link #OUT_OF_MEMORY}, {@link #TIMEOUT} or {@link #VM_ERROR}. */
    public String reason() {
        return reason;
    }

    /** Classifies an {@link Error} thrown while rendering. */
    static RetryableRenderException of(Error error) {
        if (error instanceof OutOfMemoryError) {
            return new RetryableRenderException(OUT_OF_MEMORY, "ran out of memory while rendering (" + error.getMessage()
                    + "); the image is within the limits, so a retry, or more memory, can succeed", error);
        }
        return new RetryableRenderException(VM_ERROR, "the JVM failed while rendering: " + error, error);
    }
}
