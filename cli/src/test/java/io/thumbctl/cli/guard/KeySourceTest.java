package io.thumbctl.cli.guard;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeySourceTest {

    static List<String> keys(KeySource source) {
        List<String> keys = new ArrayList<>();
        source.keys().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void arguments_comeOutInOrder_withoutReadingInput() {
        KeySource source = KeySource.of(List.of("b.jpg", "a.jpg"), new ByteArrayInputStream(new byte[0]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                throw new AssertionError("stdin read although no - was given");
            }
        });

        assertThat(keys(source)).containsExactly("b.jpg", "a.jpg");
    }

    @Test
    void dash_standsForTheInputsLines_inItsPlace_skippingEmptyLines() {
        byte[] input = "x/1.png\n\nunicode/café ☕.webp\r\nlast.gif".getBytes(StandardCharsets.UTF_8);

        KeySource source = KeySource.of(List.of("first.jpg", "-", "after.jpg"), new ByteArrayInputStream(input));

        assertThat(keys(source)).containsExactly("first.jpg", "x/1.png", "unicode/café ☕.webp", "last.gif",
                "after.jpg");
    }
}
