package io.thumbctl.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Given rows filtered as the PNG specification defines it, unfiltering restores them exactly, for
 * every filter, pixel size and row length (the packed-int paths and their byte-wise tails alike).
 */
class PngFiltersTest {

    @ParameterizedTest(name = "filter {0}, {1} bytes per pixel")
    @CsvSource({"0,1", "0,4", "1,1", "1,2", "1,3", "1,4", "2,1", "2,2", "2,3", "2,4", "3,1", "3,2", "3,3", "3,4",
            "4,1", "4,2", "4,3", "4,4", "1,6", "3,8", "4,8"})
    void filteredRow_unfiltersToTheOriginal(int filter, int stride) throws Exception {
        Random random = new Random(filter * 31L + stride);
        for (int pixels : new int[]{1, 2, 3, 5, 8, 13, 64, 257}) {
            int rowBytes = pixels * stride;
            byte[] prior = randomRow(random, rowBytes);
            byte[] raw = randomRow(random, rowBytes);
            byte[] filtered = PngFiles.filter(filter, raw, prior, stride);

            // laid out as in the decoder's block: the prior row, then this one, each after its filter byte
            byte[] block = new byte[2 * (rowBytes + 1)];
            System.arraycopy(prior, 0, block, 1, rowBytes);
            block[rowBytes + 1] = (byte) filter;
            System.arraycopy(filtered, 0, block, rowBytes + 2, rowBytes);
            PngFilters.unfilter(block, rowBytes + 1, block, 0, rowBytes, stride);

            assertThat(Arrays.copyOfRange(block, rowBytes + 2, block.length)).as("%d pixels", pixels).isEqualTo(raw);
            assertThat(Arrays.copyOfRange(block, 1, rowBytes + 1)).as("prior row untouched").isEqualTo(prior);
        }
    }

    @Test
    void firstRow_seesARowOfZerosAbove() throws Exception {
        byte[] raw = randomRow(new Random(7), 4 * 33);
        for (int filter = 0; filter <= 4; filter++) {
            byte[] row = new byte[raw.length + 1];
            row[0] = (byte) filter;
            System.arraycopy(PngFiles.filter(filter, raw, new byte[raw.length], 4), 0, row, 1, raw.length);

            PngFilters.unfilter(row, 0, new byte[raw.length + 1], 0, raw.length, 4);

            assertThat(Arrays.copyOfRange(row, 1, row.length)).as("filter %d", filter).isEqualTo(raw);
        }
    }

    @Test
    void unknownFilterType_isCorrupt() {
        byte[] rows = new byte[2 * 5];
        rows[5] = 5;

        assertThatThrownBy(() -> PngFilters.unfilter(rows, 5, rows, 0, 4, 4))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("filter type 5")
                .extracting(e -> ((ImageException) e).reason()).isEqualTo(ImageException.CORRUPT);
    }

    private static byte[] randomRow(Random random, int length) {
        byte[] row = new byte[length];
        random.nextBytes(row);
        return row;
    }
}
