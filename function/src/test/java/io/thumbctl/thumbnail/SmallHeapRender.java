package io.thumbctl.thumbnail;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.OfflineS3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a JVM of its own with a small heap by {@link RenderFailuresTest}: makes the thumbnail of
 * the file named by the first argument, in a box as large as the image, on both decode paths, and
 * prints one line per path: {@code <path> <outcome> <reason> <retryable>}.
 */
public final class SmallHeapRender {

    private SmallHeapRender() {
    }

    public static void main(String[] args) throws Exception {
        byte[] image = Files.readAllBytes(Path.of(args[0]));
        int box = Integer.parseInt(args[1]);
        ThumbnailSettings settings = ThumbnailSettings.defaults().withBox(box, box);
        for (boolean useNative : new boolean[]{true, false}) {
            ThumbnailRenderer renderer = new ThumbnailRenderer(RenderSettings.defaults().withNative(useNative).withTimeLimit(Duration.ofSeconds(60)));
            if (useNative && !renderer.nativeJpegAvailable()) {
                continue;
            }
            try (OfflineS3 s3 = OfflineS3.empty().put("photos", "big.jpg", image, Map.of())) {
                ThumbnailService service = new ThumbnailService(s3.store(), new KeyPolicy(settings), renderer);
                Outcome outcome = service.create(new ObjectRef("photos", "big.jpg", (long) image.length, RenderFailuresTest.OFFLINE_ETAG));
                boolean retryable = outcome instanceof Outcome.Failed f && f.retryable();
                System.out.println((useNative ? "turbojpeg" : "imageio") + " " + outcome.name() + " "
                        + outcome.reason() + " " + retryable);
            }
        }
    }
}
