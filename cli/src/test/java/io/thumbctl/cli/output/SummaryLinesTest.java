package io.thumbctl.cli.output;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryLinesTest {

    @Test
    void figuresLineUpAfterABlankLineAndTheHeading_andReasonsCountInTheirOrder() {
        Map<String, Long> skipped = new LinkedHashMap<>();
        skipped.put("not-an-image", 2L);
        skipped.put("folder-marker", 1L);

        SummaryLines text = new SummaryLines("backfill of s3://b/", 15)
                .figure("created", 4)
                .counted("skipped", skipped)
                .detail("a.jpg\tcorrupt");

        assertThat(text.lines()).containsExactly(
                "",
                "backfill of s3://b/",
                "  created        4",
                "  skipped        3 (not-an-image 2, folder-marker 1)",
                "    a.jpg\tcorrupt");
    }

    @Test
    void noReasons_isAPlainZero() {
        assertThat(new SummaryLines("h", 12).counted("skipped", Map.of()).lines())
                .containsExactly("", "h", "  skipped     0");
    }
}
