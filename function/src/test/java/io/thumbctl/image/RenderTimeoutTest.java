package io.thumbctl.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.thumbctl.image.Renderers.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A render past its time bound stops, on every path (libjpeg-turbo and ImageIO for JPEGs, the
 * PNG stream decoder, ImageIO for PNGs): it fails as a retryable {@code render-timeout}, and when
 * it has failed nothing is still rendering, on any thread, so nothing keeps its memory either.
 * The caller's thread is left as it came (not interrupted).
 */
class RenderTimeoutTest {

    static final byte[] JPEG = ProblemImages.jpeg(4000, 3000, false);
    static final byte[] PNG = ProblemImages.write(ProblemImages.gradient(3000, 2000, BufferedImage.TYPE_INT_RGB),
            "png", false);

    @ParameterizedTest(name = "{0}, native {1}, PNG stream {2}")
    @CsvSource({"jpeg, true, true", "jpeg, false, true", "png, true, true", "png, true, false"})
    void renderPastItsBound_stops_andNothingIsLeftRendering(String format, boolean useNative, boolean pngStream) {
        ThumbnailRenderer impatient = new ThumbnailRenderer(RenderSettings.defaults().withNative(useNative).withPngStream(pngStream).withTimeLimit(Duration.ofMillis(1)));
        byte[] source = format.equals("jpeg") ? JPEG : PNG;

        RetryableRenderException e = catchThrowableOfType(() -> impatient.render(source, box(128, 128)),
                RetryableRenderException.class);

        assertThat(e).as("a render-timeout").isNotNull();
        assertThat(e.reason()).isEqualTo(RetryableRenderException.TIMEOUT);
        assertThat(Thread.currentThread().isInterrupted()).as("the caller's thread is not left interrupted").isFalse();
        assertThat(threadsRendering()).as("threads still in the image code after the render failed").isEmpty();
    }

    /** Every thread, but this one, whose stack is in the renderer's package (decoders, downscaler, encoder). */
    static List<String> threadsRendering() {
        Thread self = Thread.currentThread();
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(t -> t.getKey() != self)
                .filter(t -> Arrays.stream(t.getValue()).anyMatch(f -> f.getClassName().startsWith("io.thumbctl.image.")
                        && !f.getClassName().equals(RenderDeadline.class.getName())))
                .map(Map.Entry::getKey).map(Thread::getName).toList();
    }
}
