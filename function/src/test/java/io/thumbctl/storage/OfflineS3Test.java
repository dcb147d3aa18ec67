package io.thumbctl.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineS3Test {

    @Test
    void storeOverTheStandIn_answersLikeS3_andRecordsEveryRequest() {
        byte[] object = "pixels".getBytes(StandardCharsets.UTF_8);
        try (OfflineS3 offline = OfflineS3.serving(object)) {
            ObjectStore store = offline.store();

            assertThat(store.head("b", "thumbnails/k.jpg")).isEmpty();
            StoredObject got = store.get("b", "k.jpg", null);
            assertThat(got.content()).isEqualTo(object);
            assertThat(got.info().etag()).isNotBlank();
            store.put("b", "thumbnails/k.jpg", new byte[]{1, 2, 3}, "image/jpeg", Map.of("thumbctl-source-etag", "x"),
                    WriteCondition.ifAbsent());
            store.delete("b", "thumbnails/k.jpg", "0123456789abcdef0123456789abcdef");

            assertThat(offline.requests()).containsExactly("HEAD /b/thumbnails/k.jpg", "GET /b/k.jpg",
                    "PUT /b/thumbnails/k.jpg", "DELETE /b/thumbnails/k.jpg");
        }
    }
}
