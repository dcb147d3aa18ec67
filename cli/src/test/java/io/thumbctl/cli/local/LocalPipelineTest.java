package io.thumbctl.cli.local;

import io.thumbctl.testing.TestImages;
import io.thumbctl.thumbnail.ThumbnailService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Local mode in-process: uploads through a plain SDK client, thumbnails made by the function
 * behind the endpoint. Every wait is for the function's reported outcome, bounded.
 */
class LocalPipelineTest {

    @TempDir
    static Path data;

    static RecordingListener function = new RecordingListener();
    static LocalPipeline local;
    static S3Client s3;

    @BeforeAll
    static void start() {
        local = LocalPipeline.start(new LocalOptions(0, data, List.of("photos"), Map.of()), function);
        s3 = LocalClients.plain(local.endpoint());
    }

    @AfterAll
    static void stop() {
        s3.close();
        local.stop();
    }

    static String put(String key, byte[] content) {
        return s3.putObject(b -> b.bucket("photos").key(key).contentType("image/jpeg"), RequestBody.fromBytes(content))
                .eTag().replace("\"", "");
    }

    static HeadObjectResponse head(String key) {
        return s3.headObject(b -> b.bucket("photos").key(key));
    }

    @Test
    void upload_getsThumbnail_writtenByTheFunction() throws Exception {
        String etag = put("uploads/cat.jpg", TestImages.jpeg(800, 600));

        RecordingListener.Invocation done = function.await("photos", "uploads/cat.jpg");

        assertThat(done.outcome().outcome()).isEqualTo("created");
        assertThat(done.outcome().thumbnailKey()).isEqualTo("thumbnails/uploads/cat.jpg");
        HeadObjectResponse thumb = head("thumbnails/uploads/cat.jpg");
        assertThat(thumb.contentType()).isEqualTo("image/jpeg");
        assertThat(thumb.metadata()).containsEntry(ThumbnailService.SOURCE_ETAG, etag);
        BufferedImage image = TestImages.decode(
                s3.getObjectAsBytes(b -> b.bucket("photos").key("thumbnails/uploads/cat.jpg")).asByteArray());
        assertThat(image.getWidth()).isEqualTo(128);
        assertThat(image.getHeight()).isEqualTo(96);
    }

    @Test
    void upload_isAnnouncedWithTheStoredSizeAndEtag() throws Exception {
        byte[] photo = TestImages.jpeg(300, 200);
        String etag = put("uploads/announced.jpg", photo);

        ObjectChange change = function.await("photos", "uploads/announced.jpg").change();

        assertThat(change.eventName()).isEqualTo(ObjectChange.PUT);
        assertThat(change.size()).isEqualTo(photo.length);
        assertThat(change.etag()).isEqualTo(etag);
    }

    @Test
    void theFunctionsOwnWrite_isSkippedByTheRecursionGuard_andDoesNotLoop() throws Exception {
        put("loop/dog.jpg", TestImages.jpeg(400, 400));
        function.await("photos", "loop/dog.jpg");

        RecordingListener.Invocation thumbnailEvent = function.await("photos", "thumbnails/loop/dog.jpg");

        assertThat(thumbnailEvent.outcome().outcome()).isEqualTo("skipped");
        assertThat(thumbnailEvent.outcome().reason()).isEqualTo("recursion-guard");
        assertThat(s3.listObjectsV2(b -> b.bucket("photos").prefix("thumbnails/thumbnails/")).contents()).isEmpty();
    }

    @Test
    void deletion_removesTheThumbnail() throws Exception {
        put("gone/bird.jpg", TestImages.jpeg(300, 300));
        assertThat(function.await("photos", "gone/bird.jpg").outcome().outcome()).isEqualTo("created");

        s3.deleteObject(b -> b.bucket("photos").key("gone/bird.jpg"));
        RecordingListener.Invocation removed = function.await("photos", "gone/bird.jpg");

        assertThat(removed.change().eventName()).isEqualTo(ObjectChange.DELETE);
        assertThat(removed.outcome().outcome()).isEqualTo("deleted");
        assertThatThrownBy(() -> head("thumbnails/gone/bird.jpg")).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void multiObjectDelete_removesEveryThumbnail() throws Exception {
        for (String key : List.of("batch/one.jpg", "batch/two.jpg")) {
            put(key, TestImages.jpeg(150, 150));
            assertThat(function.await("photos", key).outcome().outcome()).isEqualTo("created");
        }

        s3.deleteObjects(b -> b.bucket("photos").delete(d -> d.objects(
                ObjectIdentifier.builder().key("batch/one.jpg").build(),
                ObjectIdentifier.builder().key("batch/two.jpg").build())));

        assertThat(function.await("photos", "batch/one.jpg").outcome().outcome()).isEqualTo("deleted");
        assertThat(function.await("photos", "batch/two.jpg").outcome().outcome()).isEqualTo("deleted");
        assertThat(s3.listObjectsV2(b -> b.bucket("photos").prefix("thumbnails/batch/")).contents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"holiday/My Photo.jpg", "ünïcödé/фото 😀.jpg", "odd/a+b (1) 100%.jpg"})
    void awkwardKeys_getThumbnailsUnderTheSameKey(String key) throws Exception {
        put(key, TestImages.jpeg(200, 100));

        assertThat(function.await("photos", key).outcome().outcome()).isEqualTo("created");
        assertThat(head("thumbnails/" + key).contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void copy_getsThumbnail() throws Exception {
        put("copy/source.jpg", TestImages.jpeg(256, 256));
        function.await("photos", "copy/source.jpg");

        s3.copyObject(b -> b.sourceBucket("photos").sourceKey("copy/source.jpg")
                .destinationBucket("photos").destinationKey("copy/target.jpg"));
        RecordingListener.Invocation copied = function.await("photos", "copy/target.jpg");

        assertThat(copied.change().eventName()).isEqualTo(ObjectChange.COPY);
        assertThat(copied.outcome().outcome()).isEqualTo("created");
        assertThat(head("thumbnails/copy/target.jpg").contentLength()).isPositive();
    }

    @Test
    void multipartUpload_getsThumbnail_andS3proxysBookkeepingIsNotAnnounced() throws Exception {
        byte[] photo = TestImages.jpeg(640, 480);
        String uploadId = s3.createMultipartUpload(b -> b.bucket("photos").key("multipart/big.jpg")).uploadId();
        String partEtag = s3.uploadPart(b -> b.bucket("photos").key("multipart/big.jpg").uploadId(uploadId)
                .partNumber(1), RequestBody.fromBytes(photo)).eTag();
        s3.completeMultipartUpload(b -> b.bucket("photos").key("multipart/big.jpg").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(partEtag).build())));

        RecordingListener.Invocation done = function.await("photos", "multipart/big.jpg");

        assertThat(done.change().eventName()).isEqualTo(ObjectChange.COMPLETE_MULTIPART_UPLOAD);
        assertThat(done.outcome().outcome()).isEqualTo("created");
        assertThat(head("thumbnails/multipart/big.jpg").contentType()).isEqualTo("image/jpeg");
        assertThat(function.seenKeys()).noneMatch(k -> k.startsWith(NotifyingBlobStore.MULTIPART_STUB_PREFIX));
    }

    @Test
    void heicUpload_getsAJpegAtItsKeyPlusJpg_andItsDeletionRemovesIt() throws Exception {
        String etag = put("phone/IMG_0001.HEIC", TestImages.heif("plain.heic"));

        RecordingListener.Invocation done = function.await("photos", "phone/IMG_0001.HEIC");

        assertThat(done.outcome().outcome()).isEqualTo("created");
        assertThat(done.outcome().thumbnailKey()).isEqualTo("thumbnails/phone/IMG_0001.HEIC.jpg");
        HeadObjectResponse thumb = head("thumbnails/phone/IMG_0001.HEIC.jpg");
        assertThat(thumb.contentType()).isEqualTo("image/jpeg");
        assertThat(thumb.metadata()).containsEntry(ThumbnailService.SOURCE_ETAG, etag);
        BufferedImage image = TestImages.decode(
                s3.getObjectAsBytes(b -> b.bucket("photos").key("thumbnails/phone/IMG_0001.HEIC.jpg")).asByteArray());
        assertThat(image.getWidth() + "x" + image.getHeight()).isEqualTo("96x64");

        s3.deleteObject(b -> b.bucket("photos").key("phone/IMG_0001.HEIC"));

        assertThat(function.await("photos", "phone/IMG_0001.HEIC").outcome().outcome()).isEqualTo("deleted");
        assertThatThrownBy(() -> head("thumbnails/phone/IMG_0001.HEIC.jpg")).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void objectsAreFilesUnderTheDataDirectory() {
        put("files/fish.jpg", TestImages.jpeg(100, 100));

        assertThat(Files.isRegularFile(data.resolve("photos").resolve("files").resolve("fish.jpg"))).isTrue();
    }
}
