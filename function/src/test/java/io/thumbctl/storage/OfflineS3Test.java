package io.thumbctl.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The priming stand-in answers the store as S3 would, and keeps what is written to it. */
class OfflineS3Test {

    static final byte[] PIXELS = "pixels".getBytes(StandardCharsets.UTF_8);

    @Test
    void storeOverTheStandIn_answersLikeS3_andRecordsEveryRequest() {
        try (OfflineS3 offline = OfflineS3.empty().put("photos", "k.jpg", PIXELS, Map.of())) {
            ObjectStore store = offline.store();

            assertThat(store.head("photos", "thumbnails/k.jpg")).isEmpty();
            StoredObject got = store.get("photos", "k.jpg", null);
            assertThat(got.content()).isEqualTo(PIXELS);
            store.put("photos", "thumbnails/k.jpg", new byte[]{1, 2, 3}, "image/jpeg",
                    Map.of("thumbctl-source-etag", got.info().etag()), WriteCondition.ifAbsent());
            ObjectInfo thumbnail = store.head("photos", "thumbnails/k.jpg").orElseThrow();
            assertThat(thumbnail.metadata()).containsEntry("thumbctl-source-etag", got.info().etag());
            assertThat(thumbnail.size()).isEqualTo(3);
            store.delete("photos", "thumbnails/k.jpg", thumbnail.etag());

            assertThat(store.head("photos", "thumbnails/k.jpg")).isEmpty();
            assertThat(offline.requests()).extracting(r -> r.substring(0, r.indexOf(' ')))
                    .containsExactly("HEAD", "GET", "PUT", "HEAD", "DELETE", "HEAD");
        }
    }

    @Test
    void conditionalWrites_andRanges_behaveAsOnS3() {
        try (OfflineS3 offline = OfflineS3.empty().put("photos", "k.jpg", PIXELS, Map.of())) {
            ObjectStore store = offline.store();
            store.put("photos", "t.jpg", new byte[]{1}, "image/jpeg", Map.of(), WriteCondition.ifAbsent());

            assertThatThrownBy(() -> store.put("photos", "t.jpg", new byte[]{2}, "image/jpeg", Map.of(),
                    WriteCondition.ifAbsent())).isInstanceOf(PreconditionFailedException.class);
            assertThatThrownBy(() -> store.put("photos", "t.jpg", new byte[]{2}, "image/jpeg", Map.of(),
                    WriteCondition.ifMatch("0123456789abcdef0123456789abcdef")))
                    .isInstanceOf(PreconditionFailedException.class);
            StoredRange range = store.getRange("photos", "k.jpg", 1, 3, null);
            assertThat(range.content()).isEqualTo("ixe".getBytes(StandardCharsets.UTF_8));
            assertThat(range.info().size()).isEqualTo(PIXELS.length);
            assertThatThrownBy(() -> store.get("photos", "missing.jpg", null)).isInstanceOf(ObjectGoneException.class);
        }
    }
}
