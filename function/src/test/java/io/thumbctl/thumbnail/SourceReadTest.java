package io.thumbctl.thumbnail;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.ProgressiveJpegs;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.S3ObjectStore;
import io.thumbctl.testing.S3FaultRelay;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the service reads a source: large JPEGs in ranges (progressive ones only up to their DC
 * scans), everything of one version; and an upload's thumbnail written without looking first.
 */
class SourceReadTest {

    static final String BUCKET = "reads";
    static final BufferedImage LANDSCAPE = ProgressiveJpegs.photo(4000, 2667);
    static final BufferedImage PORTRAIT = ProgressiveJpegs.photo(2667, 4000);

    static S3TestServer s3;
    static S3FaultRelay relay;
    static S3Client client;
    static ThumbnailService service;
    static final AtomicInteger keys = new AtomicInteger();

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
        relay = S3FaultRelay.inFrontOf(s3.endpoint());
        client = S3TestServer.clientFor(relay.endpoint());
        service = new ThumbnailService(new S3ObjectStore(() -> client), new KeyPolicy(ThumbnailSettings.defaults()),
                new ThumbnailRenderer(RenderSettings.fromEnvironment()));
    }

    @AfterEach
    void release() {
        relay.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        relay.close();
        s3.close();
    }

    static ObjectRef upload(String key, byte[] content) {
        String etag = s3.put(BUCKET, key, content, "image/jpeg");
        return new ObjectRef(BUCKET, key, (long) content.length, etag);
    }

    static String newKey() {
        return "photos/" + keys.incrementAndGet() + ".jpg";
    }

    static List<S3FaultRelay.Request> gets(String key) {
        return relay.requests(BUCKET, key).stream().filter(r -> r.method().equals("GET")).toList();
    }

    /** The bytes the ranged GETs asked for, from their {@code Range: bytes=a-b} headers. */
    static long bytesAskedFor(List<S3FaultRelay.Request> gets) {
        long total = 0;
        for (S3FaultRelay.Request get : gets) {
            String[] range = get.header("Range").substring("bytes=".length()).split("-");
            total += Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
        }
        return total;
    }

    @Test
    void largeProgressiveJpeg_isReadOnlyUpToItsDcScans() {
        byte[] photo = ProgressiveJpegs.progressive(LANDSCAPE);
        assertThat(photo.length).as("large enough for ranged reads: %d bytes", photo.length).isGreaterThan(1024 * 1024);
        String key = newKey();

        Outcome outcome = service.createUploaded(upload(key, photo));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Created.class, created -> {
            assertThat(created.decodePath()).isEqualTo("turbojpeg-dc");
            assertThat(created.width()).isEqualTo(128);
            assertThat(created.height()).isEqualTo(85);
        });
        assertThat(gets(key)).allSatisfy(get -> assertThat(get.header("Range")).startsWith("bytes="));
        assertThat(bytesAskedFor(gets(key))).isLessThan(photo.length / 2);
    }

    @Test
    void renditions_readOnlyTheDcScans_whenTheyServeEveryRendition_andTheWholeFileWhenOneNeedsMore() {
        byte[] photo = ProgressiveJpegs.progressive(LANDSCAPE);
        String small = newKey();
        String large = newKey();
        ThumbnailService smallOnes = new ThumbnailService(new S3ObjectStore(() -> client),
                new KeyPolicy(ThumbnailSettings.defaults().withRenditions("a:128x128,b:64x64:png,c:200x200:webp")),
                new ThumbnailRenderer(RenderSettings.fromEnvironment()));
        ThumbnailService withALargeOne = new ThumbnailService(new S3ObjectStore(() -> client),
                new KeyPolicy(ThumbnailSettings.defaults().withRenditions("a:128x128,big:1600x1600:jpeg")),
                new ThumbnailRenderer(RenderSettings.fromEnvironment()));

        Outcome fromDcScans = smallOnes.createUploaded(upload(small, photo));
        Outcome fromTheWhole = withALargeOne.createUploaded(upload(large, photo));

        // 4000x2667 at 1/8 is 500x333: enough for a 200 px box, not for 1600.
        assertThat(fromDcScans).isInstanceOfSatisfying(Outcome.Renditions.class,
                r -> assertThat(r.decodePath()).isEqualTo("turbojpeg-dc"));
        assertThat(bytesAskedFor(gets(small))).isLessThan(photo.length / 2);
        assertThat(fromTheWhole).isInstanceOfSatisfying(Outcome.Renditions.class,
                r -> assertThat(r.decodePath()).isEqualTo("turbojpeg"));
        assertThat(bytesAskedFor(gets(large))).isGreaterThanOrEqualTo(photo.length);
    }

    @Test
    void largeBaselineJpeg_isReadWhole_inRangesOfOneVersion() {
        byte[] photo = TestImages.encode(LANDSCAPE, "jpg");
        assertThat(photo.length).as("%d bytes", photo.length).isGreaterThan(1024 * 1024);
        String key = newKey();
        ObjectRef source = upload(key, photo);

        Outcome outcome = service.createUploaded(source);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Created.class,
                created -> assertThat(created.decodePath()).isEqualTo("turbojpeg"));
        List<S3FaultRelay.Request> gets = gets(key);
        assertThat(bytesAskedFor(gets)).isGreaterThanOrEqualTo(photo.length);
        assertThat(gets).allSatisfy(get -> assertThat(get.header("If-Match")).contains(source.etag()));
    }

    @Test
    void sourceReplacedBetweenTwoRanges_startsOverOnTheNewContent() throws Exception {
        String key = newKey();
        ObjectRef before = upload(key, TestImages.encode(LANDSCAPE, "jpg"));
        S3FaultRelay.Hold secondRange = relay.holdWhere(BUCKET, key, "GET",
                r -> r.header("Range") != null && !r.header("Range").startsWith("bytes=0-"));
        CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(() -> service.createUploaded(before));
        secondRange.awaitArrived();

        ObjectRef after = upload(key, TestImages.encode(PORTRAIT, "jpg"));
        secondRange.release();

        assertThat(run.get()).isInstanceOf(Outcome.Created.class);
        BufferedImage thumbnail = TestImages.decode(s3.get(BUCKET, "thumbnails/" + key));
        assertThat(thumbnail.getHeight()).as("the portrait").isEqualTo(128);
        assertThat(s3.head(BUCKET, "thumbnails/" + key).orElseThrow().metadata())
                .containsEntry(ThumbnailService.SOURCE_ETAG, after.etag());
    }

    @Test
    void upload_isWrittenWithoutLookingAtTheThumbnailFirst() {
        String key = newKey();

        Outcome outcome = service.createUploaded(upload(key, TestImages.jpeg(400, 300)));

        assertThat(outcome).isInstanceOf(Outcome.Created.class);
        assertThat(relay.requests(BUCKET, "thumbnails/" + key)).extracting(S3FaultRelay.Request::method)
                .containsExactly("PUT");
    }

    @Test
    void redeliveredUpload_findsItsThumbnailUpToDate_afterTheConditionalWriteIsRefused() {
        String key = newKey();
        ObjectRef source = upload(key, TestImages.jpeg(400, 300));
        service.createUploaded(source);
        byte[] thumbnail = s3.get(BUCKET, "thumbnails/" + key);

        Outcome again = service.createUploaded(source);

        assertThat(again).isInstanceOf(Outcome.UpToDate.class);
        assertThat(s3.get(BUCKET, "thumbnails/" + key)).isEqualTo(thumbnail);
    }

    @Test
    void uploadOverAForeignObject_leavesItAlone() {
        String key = newKey();
        byte[] theirs = {1, 2, 3};
        s3.put(BUCKET, "thumbnails/" + key, theirs, "image/jpeg");

        Outcome outcome = service.createUploaded(upload(key, TestImages.jpeg(400, 300)));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class,
                failed -> assertThat(failed.reason()).isEqualTo(ThumbnailService.FOREIGN_OBJECT));
        assertThat(s3.get(BUCKET, "thumbnails/" + key)).isEqualTo(theirs);
    }
}
