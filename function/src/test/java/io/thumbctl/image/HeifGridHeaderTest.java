package io.thumbctl.image;

import io.thumbctl.config.OutputFormat;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static io.thumbctl.image.HeifSourcesTest.fixture;
import static io.thumbctl.image.Renderers.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

/**
 * {@link HeifGridHeader} on the fixtures and on broken input, and grids whose own header declares
 * more than their {@code ispe}: libheif would allocate what the header says, so they must fail
 * before decoding. {@code grid.heic} is a 2x2 grid of 64x64 tiles, 128x128 (ispe and header).
 */
class HeifGridHeaderTest {

    private static final ThumbnailRenderer RENDERER = Renderers.DEFAULT;

    @Test
    void gridFixture_declares128x128() {
        assertThat(HeifGridHeader.outputSize(fixture("grid.heic"))).contains(new HeifGridHeader.Size(128, 128));
    }

    @Test
    void primariesThatAreNotGrids_giveNoSize() {
        for (String name : new String[]{"plain.heic", "irot.heic", "gainmap.heic", "alpha.avif", "deep10.avif"}) {
            assertThat(HeifGridHeader.outputSize(fixture(name))).as(name).isEmpty();
        }
    }

    @Test
    void patchedGridHeader_isRead() {
        assertThat(HeifGridHeader.outputSize(withGridSize(fixture("grid.heic"), 30_000, 29_000)))
                .contains(new HeifGridHeader.Size(30_000, 29_000));
    }

    @Test
    void truncatedOrGarbageInput_givesNoSize_neverThrows() {
        byte[] grid = fixture("grid.heic");
        assertThat(HeifGridHeader.outputSize(new byte[0])).isEmpty();
        for (int length = 0; length < grid.length; length++) {
            byte[] cut = Arrays.copyOf(grid, length);
            assertThat(HeifGridHeader.outputSize(cut)).as("cut at " + length).satisfiesAnyOf(
                    size -> assertThat(size).isEmpty(),
                    size -> assertThat(size).contains(new HeifGridHeader.Size(128, 128)));
        }
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            byte[] damaged = grid.clone();
            for (int j = 0; j < 4; j++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            HeifGridHeader.outputSize(damaged); // no exception, whatever it says
            byte[] garbage = new byte[random.nextInt(512)];
            random.nextBytes(garbage);
            assertThat(HeifGridHeader.outputSize(garbage)).isEmpty();
        }
        // Box sizes 0 (to the end) and 1 (64-bit) at the top level: 1 with a largesize past the end.
        byte[] zero = {0, 0, 0, 0, 'm', 'e', 't', 'a', 0, 0, 0, 0};
        assertThat(HeifGridHeader.outputSize(zero)).isEmpty();
        byte[] large = {0, 0, 0, 1, 'm', 'e', 't', 'a', 0x7f, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0};
        assertThat(HeifGridHeader.outputSize(large)).isEmpty();
    }

    @Test
    void unpatchedGrid_stillDecodes() throws Exception {
        EncodedImage thumbnail = RENDERER.render(fixture("grid.heic"), box(200, 200, OutputFormat.PNG));

        assertThat(thumbnail.width() + "x" + thumbnail.height()).isEqualTo("128x128");
    }

    @Test
    void gridHeaderDeclaringMorePixelsThanTheLimit_isTooManyPixels_beforeDecoding() {
        // ispe 128x128 as before; the grid's own header says 30000x30000 (900 MP, over 100 MP).
        byte[] file = withGridSize(fixture("grid.heic"), 30_000, 30_000);

        assertTimeout(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> RENDERER.render(file, box(200, 200)))
                        .isInstanceOfSatisfying(ImageException.class,
                                e -> assertThat(e.reason()).isEqualTo(ImageException.TOO_MANY_PIXELS)));
    }

    @Test
    void gridWithinLibheifsPerSideLimit_butOverThePixelLimit_isTooManyPixels() {
        // An ispe of 200x1 passes the pixel limit and sets libheif's per-side limit to 201, which
        // a 200x200 grid passes: only the grid header's own size says it is over 128x128's pixels.
        // (Scaled down from 32768x1 against 32767x32767, which would allocate a gigapixel.)
        byte[] file = withIspe(withGridSize(fixture("grid.heic"), 200, 200), 128, 128, 200, 1);
        ThumbnailSpec spec = new ThumbnailSpec(200, 200, OutputFormat.SAME, 128 * 128, 0.85f);

        assertThatThrownBy(() -> RENDERER.render(file, spec))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageException.TOO_MANY_PIXELS));
    }

    @Test
    void gridHeaderWiderThanItsIspe_butWithinThePixelLimit_isCorrupt() {
        byte[] file = withGridSize(fixture("grid.heic"), 1000, 1000);

        assertThatThrownBy(() -> RENDERER.render(file, box(200, 200)))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageException.CORRUPT));
    }

    // --- helpers

    /** grid.heic with its one ImageGrid payload (version 0, flags 0, 2x2, 128x128) declaring another size. */
    @Test
    void overlayPrimary_isRefused_beforeDecoding() {
        byte[] overlay = withPrimaryType(fixture("grid.heic"), "iovl");
        assertThat(HeifGridHeader.primaryItemType(overlay)).contains("iovl");

        assertThatThrownBy(() -> RENDERER.render(overlay, new ThumbnailSpec(64, 64, OutputFormat.SAME, 100_000_000L, 0.85f)))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageException.UNSUPPORTED_FORMAT));
    }

    @Test
    void gridWhoseHeaderCannotBeRead_isCorrupt_notDecodedUnchecked() {
        byte[] grid = fixture("grid.heic");
        byte[] pattern = {0, 0, 1, 1, 0, (byte) 128, 0, (byte) 128};
        byte[] unreadable = grid.clone();
        for (int at = 0; at + pattern.length <= grid.length; at++) {
            if (Arrays.equals(grid, at, at + pattern.length, pattern, 0, pattern.length)) {
                unreadable[at + 1] = 1; // 32-bit sizes: the 8-byte payload no longer holds them
            }
        }
        assertThat(HeifGridHeader.primaryItemType(unreadable)).contains("grid");
        assertThat(HeifGridHeader.outputSize(unreadable)).isEmpty();

        assertThatThrownBy(() -> RENDERER.render(unreadable, new ThumbnailSpec(64, 64, OutputFormat.SAME, 100_000_000L, 0.85f)))
                .isInstanceOfSatisfying(ImageException.class, e -> assertThat(e.reason()).isEqualTo(ImageException.CORRUPT));
    }

    /** The file with its (single) {@code grid} item type renamed. */
    private static byte[] withPrimaryType(byte[] file, String type) {
        byte[] grid = "grid".getBytes(StandardCharsets.ISO_8859_1);
        byte[] copy = file.clone();
        int renamed = 0;
        for (int at = 0; at + 4 <= file.length; at++) {
            if (Arrays.equals(file, at, at + 4, grid, 0, 4)) {
                System.arraycopy(type.getBytes(StandardCharsets.ISO_8859_1), 0, copy, at, 4);
                renamed++;
            }
        }
        assertThat(renamed).as("one item type 'grid'").isEqualTo(1);
        return copy;
    }

    static byte[] withGridSize(byte[] file, int width, int height) {
        byte[] pattern = {0, 0, 1, 1, 0, (byte) 128, 0, (byte) 128};
        int found = -1;
        for (int at = 0; at + pattern.length <= file.length; at++) {
            if (Arrays.equals(file, at, at + pattern.length, pattern, 0, pattern.length)) {
                assertThat(found).as("one ImageGrid payload").isEqualTo(-1);
                found = at;
            }
        }
        assertThat(found).as("an ImageGrid payload of 128x128").isNotNegative();
        byte[] copy = file.clone();
        if (width > 0xffff || height > 0xffff) {
            throw new IllegalArgumentException("16-bit sizes only: the payload keeps its length");
        }
        ByteBuffer.wrap(copy, found + 4, 4).putShort((short) width).putShort((short) height);
        return copy;
    }

    private static byte[] withIspe(byte[] file, int w, int h, int newW, int newH) {
        byte[] pattern = ByteBuffer.allocate(16).put("ispe".getBytes(StandardCharsets.ISO_8859_1))
                .putInt(0).putInt(w).putInt(h).array();
        for (int at = 0; at + pattern.length <= file.length; at++) {
            if (Arrays.equals(file, at, at + pattern.length, pattern, 0, pattern.length)) {
                byte[] copy = file.clone();
                ByteBuffer.wrap(copy, at + 8, 8).putInt(newW).putInt(newH);
                return copy;
            }
        }
        throw new AssertionError("no " + w + "x" + h + " ispe box");
    }
}
