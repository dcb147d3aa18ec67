package io.thumbctl.image;

import io.thumbctl.image.ProgressivePrefix.Complete;
import io.thumbctl.image.ProgressivePrefix.Inspection;
import io.thumbctl.image.ProgressivePrefix.NeedMore;
import io.thumbctl.image.ProgressivePrefix.NotEligible;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a progressive JPEG's DC scans end, read from its markers alone: complete, more bytes
 * needed, or not eligible (read the whole object).
 */
class ProgressivePrefixTest {

    private static final int[] YCBCR = {1, 2, 3};
    private static final int[] Y_DC_AL1 = {0, 0, 0, 1, 1};

    private static final byte[] PHOTO = ProgressiveJpegs.progressive(ProgressiveJpegs.photo(1200, 800));

    @ParameterizedTest
    @ValueSource(strings = {"jpeg/jfif-progressive-invalid-dht.jpg", "jpeg/6dhtsegments.jpg",
            "jpeg/invalid-icc-duplicate-sequence-numbers-rgb-xerox-dc250-heavyweight-1-progressive-jfif.jpg"})
    void realProgressiveFile_isCompleteAtTheMarkerAfterItsFirstDcScan(String file) {
        byte[] jpeg = ProblemImages.resource(file);

        Complete complete = complete(ProgressivePrefix.inspect(jpeg));

        assertThat(complete.end()).isLessThan(jpeg.length / 2);
        assertThat(jpeg[complete.end()] & 0xff).isEqualTo(0xff);
        assertThat(jpeg[complete.end() + 1] & 0xff).isNotZero().isNotIn(0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7);
        assertThat(ProgressivePrefix.inspect(Arrays.copyOf(jpeg, complete.end() + 2))).isEqualTo(complete);
    }

    @Test
    void generatedProgressivePhoto_completeWithTheFrameSize() {
        Complete complete = complete(ProgressivePrefix.inspect(PHOTO));

        assertThat(complete.width()).isEqualTo(1200);
        assertThat(complete.height()).isEqualTo(800);
        assertThat(complete.end()).isLessThan(PHOTO.length / 3);
    }

    @Test
    void everyShorterPrefix_asksForMoreBytes_neverPastWhereTheDcEnds() {
        int end = complete(ProgressivePrefix.inspect(PHOTO)).end();

        for (int cut = 0; cut < end + 2; cut += Math.max(1, cut / 7)) {
            Inspection answer = ProgressivePrefix.inspect(Arrays.copyOf(PHOTO, cut));

            assertThat(answer).as("prefix of %d bytes", cut).isInstanceOf(NeedMore.class);
            assertThat(((NeedMore) answer).minBytes()).as("prefix of %d bytes", cut).isGreaterThan(cut)
                    .isLessThanOrEqualTo(end + 2);
        }
    }

    @Test
    void decodable_isThePrefixClosedWithEndOfImage_withOnlyItsAcQuantisersZeroed() {
        Complete complete = complete(ProgressivePrefix.inspect(PHOTO));

        byte[] jpeg = complete.decodable(PHOTO);

        assertThat(jpeg).hasSize(complete.end() + 2);
        assertThat(jpeg[complete.end()] & 0xff).isEqualTo(0xff);
        assertThat(jpeg[complete.end() + 1] & 0xff).isEqualTo(0xd9);
        boolean[] inQuantisationTable = new boolean[complete.end()];
        int firstTable = -1;
        for (int i = 2; (PHOTO[i + 1] & 0xff) != 0xDA; ) { // the segments before the first scan
            int length = ((PHOTO[i + 2] & 0xff) << 8) | (PHOTO[i + 3] & 0xff);
            if ((PHOTO[i + 1] & 0xff) == 0xDB) {
                Arrays.fill(inQuantisationTable, i + 4, i + 2 + length, true);
                firstTable = firstTable < 0 ? i + 4 : firstTable;
            }
            i += 2 + length;
        }
        int changed = 0;
        for (int i = 0; i < complete.end(); i++) {
            if (jpeg[i] != PHOTO[i]) {
                changed++;
                assertThat(inQuantisationTable[i]).as("byte %d changed outside a quantisation table", i).isTrue();
                assertThat(jpeg[i]).isZero();
            }
        }
        assertThat(changed).isPositive();
        assertThat(jpeg[firstTable + 1]).as("the first table's DC quantiser").isEqualTo(PHOTO[firstTable + 1]);
    }

    @Test
    void restartMarkersInsideTheDcScan_areReadThrough() {
        byte[] jpeg = ProgressiveJpegs.progressiveWithRestarts(ProgressiveJpegs.photo(640, 480), 4);

        Complete complete = complete(ProgressivePrefix.inspect(jpeg));

        int firstScanEnd = ProgressiveJpegs.Parts.of(jpeg).header().length
                + ProgressiveJpegs.Parts.of(jpeg).scans().get(0).length;
        assertThat(complete.end()).isEqualTo(firstScanEnd);
    }

    @Test
    void baselineJpeg_isNotEligible() {
        assertThat(notEligible(ProgressivePrefix.inspect(ProblemImages.jpeg(640, 480, false)))).contains("baseline");
    }

    @Test
    void losslessJpeg_isNotEligible() {
        assertThat(notEligible(ProgressivePrefix.inspect(ProblemImages.resource("jpeg-lossless/f-18.jpg"))))
                .contains("lossless");
    }

    @Test
    void cmykJpeg_isNotEligible() {
        assertThat(notEligible(ProgressivePrefix.inspect(ProblemImages.resource("jpeg/cmyk-sample.jpg"))))
                .isNotBlank();
        assertThat(notEligible(ProgressivePrefix.inspect(
                ProgressiveJpegs.handMade(0xC2, 8, 600, new int[]{1, 2, 3, 4}, new int[]{0, 0, 0, 1, 1, 2, 3, 4}))))
                .contains("4 components");
    }

    @Test
    void pngAndGarbage_areNotEligible() {
        assertThat(notEligible(ProgressivePrefix.inspect(ProblemImages.write(
                ProblemImages.gradient(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", false))))
                .isEqualTo("not a JPEG");
        assertThat(ProgressivePrefix.inspect(new byte[0])).isEqualTo(new NeedMore(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {0xCA, 0xC9, 0xCB})
    void arithmeticCoding_isNotEligible(int sof) {
        assertThat(notEligible(ProgressivePrefix.inspect(ProgressiveJpegs.handMade(sof, 8, 600, YCBCR,
                new int[]{0, 0, 0, 1, 1, 2, 3})))).isNotBlank();
    }

    @Test
    void twelveBitSamples_areNotEligible() {
        assertThat(notEligible(ProgressivePrefix.inspect(ProgressiveJpegs.handMade(0xC2, 12, 600, YCBCR,
                new int[]{0, 0, 0, 1, 1, 2, 3})))).contains("12-bit");
    }

    @Test
    void heightLeftToADnlMarker_isNotEligible() {
        assertThat(notEligible(ProgressivePrefix.inspect(ProgressiveJpegs.handMade(0xC2, 8, 0, YCBCR,
                new int[]{0, 0, 0, 1, 1, 2, 3})))).contains("DNL");
    }

    @Test
    void acScanBeforeItsComponentsDc_isNotEligible() {
        ProgressiveJpegs.Parts parts = ProgressiveJpegs.Parts.of(PHOTO);
        byte[] acFirst = parts.with(1, 0, 2, 3);

        assertThat(notEligible(ProgressivePrefix.inspect(acFirst))).contains("AC scan before");
    }

    @Test
    void dcRefinementWithoutItsFirstScan_isNotEligible() {
        ProgressiveJpegs.Parts parts = ProgressiveJpegs.Parts.of(PHOTO);
        int dcRefinement = 6; // libjpeg's default script: the 7th scan refines the DC's last bit
        byte[] refinementOnly = parts.with(dcRefinement);

        assertThat(notEligible(ProgressivePrefix.inspect(refinementOnly))).contains("successive approximation");
    }

    @Test
    void dcScanForOneComponentOnly_thenEndOfImage_isNotEligible() {
        byte[] jpeg = ProgressiveJpegs.handMade(0xC2, 8, 600, YCBCR, Y_DC_AL1, new int[]{1, 63, 0, 0, 1});

        assertThat(notEligible(ProgressivePrefix.inspect(jpeg))).contains("ends before");
    }

    @Test
    void dcScansOnePerComponent_completeAfterTheLastComponentsDc() {
        byte[] jpeg = ProgressiveJpegs.handMade(0xC2, 8, 600, YCBCR, Y_DC_AL1, new int[]{1, 63, 0, 0, 1},
                new int[]{0, 0, 0, 0, 2}, new int[]{0, 0, 0, 1, 3}, new int[]{1, 63, 0, 0, 2});

        Complete complete = complete(ProgressivePrefix.inspect(jpeg));

        assertThat(complete.end()).isEqualTo(endOfScan(jpeg, 4));
    }

    @Test
    void firstDcScanMissingTwoBits_waitsForItsRefinement() {
        byte[] jpeg = ProgressiveJpegs.handMade(0xC2, 8, 600, YCBCR, new int[]{0, 0, 0, 2, 1, 2, 3},
                new int[]{1, 63, 0, 0, 1}, new int[]{0, 0, 2, 1, 1, 2, 3}, new int[]{1, 63, 0, 0, 2});

        Complete complete = complete(ProgressivePrefix.inspect(jpeg));

        assertThat(complete.end()).isEqualTo(endOfScan(jpeg, 3));
    }

    @Test
    void scanMixingDcAndAc_isNotEligible() {
        byte[] jpeg = ProgressiveJpegs.handMade(0xC2, 8, 600, YCBCR, new int[]{0, 5, 0, 0, 1, 2, 3});

        assertThat(notEligible(ProgressivePrefix.inspect(jpeg))).contains("mixes DC and AC");
    }

    @Test
    void scanNamingAComponentTheFrameLacks_isNotEligible() {
        byte[] jpeg = ProgressiveJpegs.handMade(0xC2, 8, 600, YCBCR, new int[]{0, 0, 0, 1, 1, 2, 7});

        assertThat(notEligible(ProgressivePrefix.inspect(jpeg))).contains("component 7");
    }

    @Test
    void firstRange_coversSmallObjectsWhole_andAFifthOfLargeOnesPlusHeaders() {
        assertThat(ProgressivePrefix.firstRangeBytes(50_000)).isEqualTo(50_000);
        assertThat(ProgressivePrefix.firstRangeBytes(300_000)).isEqualTo(131_072);
        assertThat(ProgressivePrefix.firstRangeBytes(16_000_000)).isEqualTo(16_000_000 / 5 + 65_536);
    }

    /** The offset of the marker after the {@code n}th (1-based) scan of a hand-made stream. */
    private static int endOfScan(byte[] jpeg, int n) {
        int seen = 0;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xDA) {
                seen++;
                if (seen == n + 1) {
                    return i;
                }
            }
        }
        return jpeg.length - 2; // the EOI
    }

    private static Complete complete(Inspection answer) {
        assertThat(answer).isInstanceOf(Complete.class);
        return (Complete) answer;
    }

    private static String notEligible(Inspection answer) {
        assertThat(answer).isInstanceOf(NotEligible.class);
        return ((NotEligible) answer).reason();
    }
}
