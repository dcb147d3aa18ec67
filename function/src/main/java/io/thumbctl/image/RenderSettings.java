package io.thumbctl.image;

import java.time.Duration;

/**
 * How a {@link ThumbnailRenderer} renders: which decode paths it may take and how long one render
 * may run. Built once where the environment is read ({@link #fromEnvironment()}, for the function's
 * and the CLI's renderer bean, {@link RendererFactory}); tests and benchmarks build their own.
 *
 * @param useNative          false keeps every image on the pure-Java path, decode and JPEG encode
 *                           alike: no libjpeg-turbo, no libdeflate
 * @param pngStream          false sends every PNG through ImageIO ({@value #PNG_STREAM_DISABLED})
 * @param dcScanOfWholeFiles false decodes every scan of a whole progressive JPEG
 *                           ({@value #DC_SCAN_DISABLED}); a ranged read's prefix still uses its DC scans
 * @param timeLimit          how long one render may take before it fails as {@code render-timeout}
 */
public record RenderSettings(boolean useNative, boolean pngStream, boolean dcScanOfWholeFiles, Duration timeLimit) {

    /** System property that sends every PNG through ImageIO (on Lambda: in {@code JAVA_TOOL_OPTIONS}). */
    public static final String PNG_STREAM_DISABLED = "thumbctl.png-stream.disabled";
    /**
     * System property that makes whole progressive JPEGs decode all their scans, as they did
     * before the DC-scan shortcut (thumbnails from a ranged read's prefix still use it).
     */
    public static final String DC_SCAN_DISABLED = "thumbctl.dc-scan.disabled";

    /** Every path on, and the time bound of a whole vCPU. */
    public static RenderSettings defaults() {
        return new RenderSettings(true, true, true, RenderTimeLimit.AT_ONE_VCPU);
    }

    /**
     * This environment's: the switches from their system properties, and the time bound for its
     * CPU share ({@link RenderTimeLimit}).
     */
    public static RenderSettings fromEnvironment() {
        return new RenderSettings(true, !Boolean.getBoolean(PNG_STREAM_DISABLED), !Boolean.getBoolean(DC_SCAN_DISABLED),
                RenderTimeLimit.forThisEnvironment());
    }

    public RenderSettings withNative(boolean newUseNative) {
        return new RenderSettings(newUseNative, pngStream, dcScanOfWholeFiles, timeLimit);
    }

    public RenderSettings withPngStream(boolean newPngStream) {
        return new RenderSettings(useNative, newPngStream, dcScanOfWholeFiles, timeLimit);
    }

    public RenderSettings withDcScanOfWholeFiles(boolean newDcScanOfWholeFiles) {
        return new RenderSettings(useNative, pngStream, newDcScanOfWholeFiles, timeLimit);
    }

    public RenderSettings withTimeLimit(Duration newTimeLimit) {
        return new RenderSettings(useNative, pngStream, dcScanOfWholeFiles, newTimeLimit);
    }
}
