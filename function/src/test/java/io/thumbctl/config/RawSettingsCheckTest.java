package io.thumbctl.config;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A setting that does not convert is refused by name, never quietly replaced by its default. */
class RawSettingsCheckTest {

    static ThumbnailSettings settingsWith(String property, String value) {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of(property, value)).start()) {
            return context.getBean(ThumbnailSettings.class);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "thumbnail.width, abc, THUMBNAIL_WIDTH",
            "thumbnail.height, 12.5, THUMBNAIL_HEIGHT",
            "thumbnail.format, tiff, THUMBNAIL_FORMAT",
            "thumbnail.max-source-bytes, 100MB, THUMBNAIL_MAX_SOURCE_BYTES",
            "thumbnail.max-pixels, lots, THUMBNAIL_MAX_PIXELS",
            "thumbnail.jpeg-quality, high, THUMBNAIL_JPEG_QUALITY",
            "thumbnail.s3.call-timeout, xyz, THUMBNAIL_S3_CALL_TIMEOUT",
            "thumbnail.s3.attempt-timeout, 10 seconds, THUMBNAIL_S3_ATTEMPT_TIMEOUT",
            "thumbnail.manifest, maybe, THUMBNAIL_MANIFEST",
            "thumbnail.heic, no, THUMBNAIL_HEIC"})
    void unconvertibleValue_isRefused_namingTheVariable(String property, String value, String variable) {
        assertThatThrownBy(() -> settingsWith(property, value))
                .satisfies(e -> assertThat(invalidSettingsIn(e))
                        .hasMessageStartingWith(variable + " (" + property + ") is '" + value + "', which is not "));
    }

    @org.junit.jupiter.api.Test
    void malformedRenditions_failTheContext_withOneLineQuotingThePart() {
        assertThatThrownBy(() -> settingsWith("thumbnail.renditions", "small:128x128,medium:640xhuge:webp"))
                .satisfies(e -> assertThat(invalidSettingsIn(e).getMessage())
                        .startsWith("THUMBNAIL_RENDITIONS (thumbnail.renditions) has '640xhuge' where a box goes")
                        .doesNotContain("\n"));
    }

    /** Micronaut may or may not wrap what a bean listener throws. */
    static Throwable invalidSettingsIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingsException) {
                return t;
            }
        }
        throw new AssertionError("no InvalidSettingsException in " + thrown);
    }

    @ParameterizedTest
    @CsvSource({
            "thumbnail.width, 256",
            "thumbnail.format, JPEG",
            "thumbnail.jpeg-quality, 0.9",
            "thumbnail.s3.call-timeout, 30s",
            "thumbnail.s3.attempt-timeout, PT5S"})
    void convertibleValue_isTaken(String property, String value) {
        assertThat(settingsWith(property, value)).isNotNull();
    }
}
