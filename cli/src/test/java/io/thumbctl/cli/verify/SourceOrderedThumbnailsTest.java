package io.thumbctl.cli.verify;

import io.thumbctl.storage.ObjectInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SourceOrderedThumbnailsTest {

    private static final String PREFIX = "thumbnails/";

    @Test
    void heicThumbnail_listedAfterAJpegThatSortsBetween_comesOutFirst_underItsSourceKey() {
        // S3's order: '-' (0x2D) and ' ' before '.', ".avif.png" before ".jpg".
        List<String> groups = sourceKeys("a.heic 3.png", "a.heic-2.jpg", "a.heic.avif.png", "a.heic.jpg", "b.jpg");

        assertThat(groups).containsExactly("a.heic", "a.heic 3.png", "a.heic-2.jpg", "a.heic.avif", "a.heic.avif.png",
                "a.heic.jpg", "b.jpg");
    }

    @Test
    void upperCaseExtensions_andPng_mapBack_butOnlyLowerCaseWrittenExtensionsAreOurs() {
        assertThat(SourceOrderedThumbnails.heifSourceOf("IMG_0001.HEIC.jpg")).isEqualTo("IMG_0001.HEIC");
        assertThat(SourceOrderedThumbnails.heifSourceOf("x/b.HeiF.png")).isEqualTo("x/b.HeiF");
        assertThat(SourceOrderedThumbnails.heifSourceOf("c.avif.png")).isEqualTo("c.avif");
        assertThat(SourceOrderedThumbnails.heifSourceOf("c.avif.JPG")).as("we write .jpg").isNull();
        assertThat(SourceOrderedThumbnails.heifSourceOf("c.avif.webp")).isNull();
        assertThat(SourceOrderedThumbnails.heifSourceOf("c.jpg")).isNull();
        assertThat(SourceOrderedThumbnails.heifSourceOf("c.heic")).isNull();
    }

    @Test
    void jpegAndPngOfOneSource_areOneGroup() {
        SourceOrderedThumbnails thumbnails = of("a.heic.jpg", "a.heic.png");

        SourceOrderedThumbnails.Group group = thumbnails.next();
        assertThat(group.sourceKey()).isEqualTo("a.heic");
        assertThat(group.thumbnails()).extracting(t -> t.object().key())
                .containsExactly(PREFIX + "a.heic.jpg", PREFIX + "a.heic.png");
    }

    @Test
    void keyThatIsAlsoAJpegSourcesThumbnail_isOfferedUnderBothSourceKeys_andOrphanedOnlyWhenNeitherPairs() {
        SourceOrderedThumbnails thumbnails = of("a.heic.jpg");

        SourceOrderedThumbnails.Group heif = thumbnails.next();
        SourceOrderedThumbnails.Group jpeg = thumbnails.next();

        assertThat(heif.sourceKey()).isEqualTo("a.heic");
        assertThat(jpeg.sourceKey()).isEqualTo("a.heic.jpg");
        SourceOrderedThumbnails.Thumbnail t = heif.thumbnails().get(0);
        assertThat(jpeg.thumbnails()).containsExactly(t);
        assertThat(t.settle(false)).as("one source key still to look at").isFalse();
        assertThat(t.settle(false)).isTrue();
        assertThat(t.orphaned()).isTrue();
        assertThat(t.sourceKey()).isEqualTo("a.heic");
    }

    @Test
    void listingInAnotherOrderThanS3s_isFollowedAsItIs_asTheSourceListingIs() {
        // UTF-16 order (s3proxy's) puts the emoji before U+FF46; S3's UTF-8 order after it.
        assertThat(sourceKeys("o/a\uD83D\uDC31.jpg", "o/a\uFF46.jpg", "o/b.heic.jpg"))
                .containsExactly("o/a\uD83D\uDC31.jpg", "o/a\uFF46.jpg", "o/b.heic", "o/b.heic.jpg");
    }

    @Test
    void randomKeysAroundHeifNames_comeOutInSourceOrder_eachUnderTheSourceItStandsFor() {
        Random random = new Random(20261207);
        String[] parts = {"a", ".heic", ".HEIF", ".avif", ".jpg", ".png", "-", " ", "/", ".", "b", "é", "\uD83D\uDC31"};
        for (int r = 0; r < 200; r++) {
            int round = r;
            Set<String> sources = new HashSet<>();
            for (int n = 0; n < 30; n++) {
                StringBuilder key = new StringBuilder();
                for (int p = 1 + random.nextInt(5); p > 0; p--) {
                    key.append(parts[random.nextInt(parts.length)]);
                }
                sources.add(key.toString());
            }
            Map<String, String> sourceOf = new HashMap<>();
            for (String source : sources) {
                String heif = SourceOrderedThumbnails.heifSourceOf(source + ".jpg");
                String thumbnail = heif == null ? source : source + (random.nextBoolean() ? ".jpg" : ".png");
                sourceOf.putIfAbsent(thumbnail, source);
            }
            List<String> listed = new ArrayList<>(sourceOf.keySet());
            listed.sort(Utf8Order::compare);

            SourceOrderedThumbnails thumbnails = of(listed.toArray(String[]::new));
            List<String> order = new ArrayList<>();
            Map<String, String> groupOf = new HashMap<>();
            thumbnails.forEachRemaining(g -> {
                order.add(g.sourceKey());
                g.thumbnails().forEach(t -> groupOf.merge(t.object().key().substring(PREFIX.length()),
                        g.sourceKey(), (a, b) -> a + "|" + b));
            });

            assertThat(order).as("round %d: %s", round, listed).isSortedAccordingTo(Utf8Order::compare)
                    .doesNotHaveDuplicates();
            sourceOf.forEach((thumbnail, source) -> assertThat(groupOf.get(thumbnail).split("\\|"))
                    .as("round %d: %s", round, thumbnail).contains(source));
        }
    }

    private static List<String> sourceKeys(String... thumbnailKeys) {
        List<String> keys = new ArrayList<>();
        of(thumbnailKeys).forEachRemaining(g -> keys.add(g.sourceKey()));
        return keys;
    }

    private static SourceOrderedThumbnails of(String... thumbnailKeys) {
        List<ObjectInfo> listing = new ArrayList<>();
        for (String key : thumbnailKeys) {
            listing.add(new ObjectInfo("photos", PREFIX + key, 10, "e", Instant.EPOCH, Map.of()));
        }
        return new SourceOrderedThumbnails(listing.iterator(), PREFIX.length());
    }
}
