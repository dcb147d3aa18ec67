package io.thumbctl.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenditionsTest {

    @Test
    void designExample_parsesEveryPart() {
        List<Rendition> renditions = Renditions.parse(
                "small:128x128,medium:640x640:webp:q80,large:1600x1600:avif,square:256x256:jpeg:cover");

        assertThat(renditions).containsExactly(
                new Rendition("small", 128, 128, RenditionFormat.SAME, 85, Fit.INSIDE),
                new Rendition("medium", 640, 640, RenditionFormat.WEBP, 80, Fit.INSIDE),
                new Rendition("large", 1600, 1600, RenditionFormat.AVIF, 60, Fit.INSIDE),
                new Rendition("square", 256, 256, RenditionFormat.JPEG, 85, Fit.COVER));
    }

    @Test
    void partsAfterTheBox_comeInAnyOrder_andSpacesAroundItemsAreIgnored() {
        assertThat(Renditions.parse(" a:10x20:cover:q50:png , b:1x1 ")).containsExactly(
                new Rendition("a", 10, 20, RenditionFormat.PNG, 50, Fit.COVER),
                new Rendition("b", 1, 1, RenditionFormat.SAME, 85, Fit.INSIDE));
    }

    @Test
    void blank_meansNoRenditions() {
        assertThat(Renditions.parse(null)).isEmpty();
        assertThat(Renditions.parse("  ")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "medium:640xhuge:webp        | '640xhuge'",
            "medium:640x640:tiff         | 'tiff'",
            "Medium:640x640              | 'Medium'",
            "medium                      | 'medium' without a box",
            "a:1x1,,b:2x2                | empty item",
            "a:1x1,a:2x2                 | 'a' twice",
            "a:0x10                      | '0x10'",
            "a:9000x10                   | '9000x10'",
            "a:10x10:q0                  | 'q0'",
            "a:10x10:q101                | 'q101'",
            "a:10x10:webp:avif           | second format 'avif'",
            "a:10x10:cover:inside        | second fit 'inside'",
            "a:10x10:                    | ''",
            "-a:10x10                    | '-a'",
            "abcdefghijabcdefghijabcdefghijabc:1x1 | 'abcdefghijabcdefghijabcdefghijabc'",
    })
    void malformedValue_failsWithOneLineQuotingThePart(String value, String quoted) {
        assertThatThrownBy(() -> Renditions.parse(value))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("THUMBNAIL_RENDITIONS (thumbnail.renditions) ")
                .hasMessageContaining(quoted)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void fingerprint_namesWhatShapesThePixels_andLeavesPngQualityOut() {
        assertThat(Renditions.parse("m:640x480:webp:q70:cover").get(0).fingerprint()).isEqualTo("640x480 webp q70 cover");
        assertThat(Renditions.parse("p:64x64:png:q10").get(0).fingerprint())
                .isEqualTo(Renditions.parse("p:64x64:png").get(0).fingerprint())
                .isEqualTo("64x64 png inside");
    }

    @Test
    void settings_failAtConstruction_onAMalformedValue() {
        assertThatThrownBy(() -> ThumbnailSettings.defaults().withRenditions("medium:640xhuge:webp"))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("640xhuge");
        ThumbnailSettings unset = ThumbnailSettings.defaults().withRenditions("  ");
        assertThat(unset.hasRenditions()).isFalse();
        assertThat(unset.fingerprint()).isEqualTo(ThumbnailSettings.defaults().fingerprint());
    }
}
