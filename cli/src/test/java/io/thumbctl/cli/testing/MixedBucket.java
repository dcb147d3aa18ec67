package io.thumbctl.cli.testing;

import io.thumbctl.testing.TestImages;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bucket as the field has them: 2,509 keys (three listing pages of s3proxy's 1,000), images
 * under nested prefixes, upper-case extensions, unicode, spaces and {@code +} in keys, documents
 * and folder markers.
 */
public final class MixedBucket {

    public static final List<String> ODD_KEYS = List.of(
            "unicode/café ☕.jpg",
            "unicode/日本語の写真.png",
            "unicode/emoji 🐱.jpg",
            "unicode/ｆｕｌｌｗｉｄｔｈ.jpg",
            "spaces/My Photo (1).jpg",
            "plus/a+b.jpg");
    public static final List<String> FOLDER_MARKERS = List.of("photos/", "photos/2024/", "docs/");
    public static final int JPEGS = 1000;
    public static final int PNGS = 100;
    public static final int DOCUMENTS = 1400;
    public static final int IMAGES = JPEGS + PNGS + ODD_KEYS.size();
    public static final int KEYS = IMAGES + DOCUMENTS + FOLDER_MARKERS.size();

    private MixedBucket() {
    }

    public static Map<String, byte[]> objects() {
        byte[] jpeg = TestImages.jpeg(24, 16);
        byte[] png = TestImages.png(16, 24);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int i = 0; i < JPEGS; i++) {
            objects.put(String.format("photos/2024/%04d.jpg", i), jpeg);
        }
        for (int i = 0; i < PNGS; i++) {
            objects.put(String.format("photos/deep/a/b/c/%03d.PNG", i), png);
        }
        for (int i = 0; i < DOCUMENTS; i++) {
            objects.put(String.format("docs/%04d.txt", i), ("document " + i).getBytes(StandardCharsets.UTF_8));
        }
        ODD_KEYS.forEach(k -> objects.put(k, k.endsWith(".png") ? png : jpeg));
        FOLDER_MARKERS.forEach(k -> objects.put(k, new byte[0]));
        return objects;
    }
}
