package io.thumbctl.config;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThumbnailSettingsTest {

    static ThumbnailSettings bind(Map<String, Object> props) {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).properties(props).start()) {
            return context.getBean(ThumbnailSettings.class);
        }
    }

    @Test
    void noConfiguration_givesTheDocumentedDefaults() {
        assertThat(bind(Map.of())).isEqualTo(ThumbnailSettings.defaults());
    }

    @Test
    void everyPropertyBinds() {
        ThumbnailSettings s = bind(Map.of("thumbnail.target-bucket", "small", "thumbnail.prefix", "resized-",
                "thumbnail.width", "200", "thumbnail.height", "100", "thumbnail.format", "png",
                "thumbnail.max-source-bytes", "5000", "thumbnail.max-pixels", "7000", "thumbnail.jpeg-quality", "0.5"));

        assertThat(s).isEqualTo(new ThumbnailSettings("small", "resized-", 200, 100, OutputFormat.PNG, 5000, 7000, 0.5f));
    }

    @Test
    void emptyPrefix_isKeptEmpty_notDefaulted() {
        assertThat(bind(Map.of("thumbnail.prefix", "", "thumbnail.target-bucket", "small")).prefix()).isEmpty();
    }

    @Test
    void emptyPrefixWithoutTargetBucket_isRefusedAsRecursion() {
        ThumbnailSettings s = ThumbnailSettings.defaults().withPrefix("");

        assertThatThrownBy(s::requireNoRecursion).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("recurse").hasMessageContaining("THUMBNAIL_TARGET_BUCKET");
    }

    @Test
    void nonsenseBox_isRefusedWithTheProperty() {
        assertThatThrownBy(() -> ThumbnailSettings.defaults().withBox(0, 10))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("thumbnail.width");
    }

    /** A source is read into one array: a limit past what an array holds would fail every read, forever. */
    @Test
    void maxSourceBytesPastWhatAnArrayHolds_isRefusedAtStart_inOneLine() {
        assertThat(new ThumbnailSettings(null, null, 128, 128, OutputFormat.SAME, ThumbnailSettings.MAX_SOURCE_BYTES,
                1000, 0.85f).maxSourceBytes()).isEqualTo(Integer.MAX_VALUE - 8);
        assertThatThrownBy(() -> new ThumbnailSettings(null, null, 128, 128, OutputFormat.SAME, 3L << 30, 1000, 0.85f))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("thumbnail.max-source-bytes").hasMessageContaining("at most 2147483639")
                .hasMessageContaining("got 3221225472")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
