package io.thumbctl.guard;

import io.thumbctl.config.ThumbnailSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class KeyPolicyTest {

    final KeyPolicy sameBucket = new KeyPolicy(ThumbnailSettings.defaults());
    final KeyPolicy secondBucket = new KeyPolicy(ThumbnailSettings.defaults().withTargetBucket("resized").withPrefix(""));

    @Test
    void keyUnderThumbnailPrefix_isSkippedAsRecursion() {
        assertThat(sameBucket.decide("photos", "thumbnails/cat.jpg", 10L).toString()).isEqualTo("skip recursion-guard");
    }

    @Test
    void recursionGuard_winsOverEveryOtherReason() {
        assertThat(sameBucket.decide("photos", "thumbnails/notes.txt", 10L).skipReason())
                .isEqualTo(SkipReason.RECURSION_GUARD);
    }

    @Test
    void prefixOnlyCountsInTheTargetBucket() {
        KeyPolicy resized = new KeyPolicy(ThumbnailSettings.defaults().withTargetBucket("small").withPrefix("resized-"));

        assertThat(resized.decide("photos", "resized-cat.jpg", 10L).shouldProcess()).isTrue();
        assertThat(resized.decide("small", "resized-cat.jpg", 10L).skipReason()).isEqualTo(SkipReason.RECURSION_GUARD);
    }

    @Test
    void emptyPrefix_everyKeyOfTheTargetBucketIsGuarded() {
        assertThat(secondBucket.decide("photos", "cat.jpg", 10L).shouldProcess()).isTrue();
        assertThat(secondBucket.decide("resized", "cat.jpg", 10L).skipReason()).isEqualTo(SkipReason.RECURSION_GUARD);
    }

    @Test
    void keyEndingWithSlash_isAFolderMarker() {
        assertThat(sameBucket.decide("photos", "2026/holiday/", 0L).toString()).isEqualTo("skip folder-marker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.jpg", "b.JPG", "c.Jpeg", "d.png", "e.gif", "f.webp", "g.BMP", "dir.d/h.jpe"})
    void imageExtensions_areProcessed_inAnyCase(String key) {
        assertThat(sameBucket.decide("photos", key, 10L).shouldProcess()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes.txt", "movie.mp4", "jpg", "folder.jpg/readme", "archive.tar.gz", "noext", ".jpg", "x."})
    void otherKeys_areNotImages(String key) {
        assertThat(sameBucket.decide("photos", key, 10L).toString()).isEqualTo("skip not-an-image");
    }

    @Test
    void objectOverMaxSourceBytes_isTooLarge_andUnknownSizeIsNotJudged() {
        KeyPolicy small = new KeyPolicy(ThumbnailSettings.defaults().withLimits(1000, 1_000_000));

        assertThat(small.decide("photos", "big.jpg", 1001L).toString()).isEqualTo("skip too-large");
        assertThat(small.decide("photos", "big.jpg", 1000L).shouldProcess()).isTrue();
        assertThat(small.decide("photos", "big.jpg", null).shouldProcess()).isTrue();
    }
}
