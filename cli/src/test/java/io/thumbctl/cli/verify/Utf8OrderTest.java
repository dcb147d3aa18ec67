package io.thumbctl.cli.verify;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8OrderTest {

    @Test
    void emojiSortsAfterFullwidthLetters_asTheirUtf8Bytes_doUnlikeStringCompareTo() {
        String fullwidth = "a\uFF46.jpg";   // U+FF46, EF BD 86 in UTF-8
        String emoji = "a\uD83D\uDC31.jpg";  // U+1F431, F0 9F 90 B1 in UTF-8

        assertThat(Utf8Order.compare(fullwidth, emoji)).isNegative();
        assertThat(fullwidth.compareTo(emoji)).as("UTF-16 order differs").isPositive();
    }

    @Test
    void sortingByUtf8Order_equalsSortingByUtf8Bytes() {
        List<String> keys = new ArrayList<>(List.of("a", "a/b", "a b", "a+b", "ab", "é", "z", "日本", "\uD83D\uDC31",
                "\uFF46", "a\u0000", "", "A", "\uE000"));
        List<String> byBytes = new ArrayList<>(keys);
        byBytes.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
                y.getBytes(StandardCharsets.UTF_8)));

        keys.sort(Utf8Order::compare);

        assertThat(keys).containsExactlyElementsOf(byBytes);
    }
}
