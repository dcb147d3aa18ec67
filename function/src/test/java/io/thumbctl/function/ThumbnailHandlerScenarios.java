package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.thumbctl.config.InvalidSettingsException;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.ThumbnailService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The function end to end: event JSON bytes in, thumbnails in a real S3-compatible server out.
 * Run against s3proxy in-process ({@link ThumbnailHandlerTest}) and, where Docker is available,
 * against LocalStack ({@link ThumbnailHandlerLocalStackTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThumbnailHandlerScenarios {

    S3TestServer s3;
    ThumbnailHandler sameBucket;

    /** The S3-compatible server these scenarios run against; called once per class. */
    abstract S3TestServer startServer();

    @BeforeAll
    void start() {
        s3 = startServer();
        s3.createBucket("photos");
        sameBucket = handler(Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        sameBucket.close();
        s3.close();
    }

    ThumbnailHandler handler(Map<String, Object> settings) {
        Map<String, Object> props = new HashMap<>(s3.clientProperties());
        props.putAll(settings);
        return new ThumbnailHandler(ApplicationContext.builder().deduceEnvironment(false).properties(props).start());
    }

    String upload(String bucket, String key, byte[] content, String type) {
        return s3.put(bucket, key, content, type);
    }

    List<Outcome> created(ThumbnailHandler handler, String bucket, String key, byte[] content) {
        String etag = upload(bucket, key, content, "application/octet-stream");
        return handler.handle(S3Events.event(S3Events.created(bucket, key, content.length, etag)));
    }

    @Test
    void jpegUpload_getsJpegThumbnailInsideTheBox_withSourceEtag() {
        byte[] photo = TestImages.jpeg(800, 600);
        String etag = upload("photos", "jpeg/holiday.jpg", photo, "image/jpeg");

        List<Outcome> outcomes = sameBucket.handle(S3Events.event(S3Events.created("photos", "jpeg/holiday.jpg",
                photo.length, etag)));

        assertThat(outcomes).singleElement().isInstanceOf(Outcome.Created.class);
        HeadObjectResponse head = s3.head("photos", "thumbnails/jpeg/holiday.jpg").orElseThrow();
        assertThat(head.contentType()).isEqualTo("image/jpeg");
        assertThat(head.metadata()).containsEntry(ThumbnailService.SOURCE_ETAG, etag);
        BufferedImage thumb = TestImages.decode(s3.get("photos", "thumbnails/jpeg/holiday.jpg"));
        assertThat(thumb.getWidth()).isEqualTo(128);
        assertThat(thumb.getHeight()).isEqualTo(96);
    }

    @Test
    void sourceMetadata_isNotCarriedIntoTheThumbnail() {
        byte[] photo = TestImages.jpegWithMetadata(600, 400, "GPS 52.52N 13.40E", "private-comment");
        assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains("Exif").contains("private-comment");

        created(sameBucket, "photos", "meta/with-exif.jpg", photo);

        String thumb = new String(s3.get("photos", "thumbnails/meta/with-exif.jpg"), StandardCharsets.ISO_8859_1);
        assertThat(thumb).doesNotContain("Exif").doesNotContain("GPS 52.52N").doesNotContain("private-comment");
        assertThat(s3.head("photos", "thumbnails/meta/with-exif.jpg").orElseThrow().metadata())
                .containsOnlyKeys(ThumbnailService.SOURCE_ETAG, ThumbnailService.SETTINGS);
    }

    @Test
    void pngUpload_staysPng_withTransparency() {
        created(sameBucket, "photos", "png/logo.png", TestImages.png(300, 600));

        HeadObjectResponse head = s3.head("photos", "thumbnails/png/logo.png").orElseThrow();
        assertThat(head.contentType()).isEqualTo("image/png");
        BufferedImage thumb = TestImages.decode(s3.get("photos", "thumbnails/png/logo.png"));
        assertThat(thumb.getWidth()).isEqualTo(64);
        assertThat(thumb.getHeight()).isEqualTo(128);
        assertThat(thumb.getColorModel().hasAlpha()).isTrue();
    }

    @Test
    void smallImage_isNeverEnlarged() {
        created(sameBucket, "photos", "small/icon.gif", TestImages.gif(40, 30));

        BufferedImage thumb = TestImages.decode(s3.get("photos", "thumbnails/small/icon.gif"));
        assertThat(thumb.getWidth()).isEqualTo(40);
        assertThat(thumb.getHeight()).isEqualTo(30);
        assertThat(s3.head("photos", "thumbnails/small/icon.gif").orElseThrow().contentType()).isEqualTo("image/gif");
    }

    @ParameterizedTest
    @ValueSource(strings = {"keys/My Photo(1).jpg", "keys/a+b.jpg", "keys/100% real.jpg", "keys/ünïcödé/фото 😀.jpg",
            "keys/deep/nested/folders/x.jpg", "keys/tab&amp;=?.jpg"})
    void awkwardKeys_areDecodedBeforeAnyS3Call(String key) {
        List<Outcome> outcomes = created(sameBucket, "photos", key, TestImages.jpeg(200, 100));

        assertThat(outcomes).singleElement().extracting(Outcome::name).isEqualTo("created");
        assertThat(s3.head("photos", "thumbnails/" + key)).isPresent();
    }

    @Test
    void multiRecordEvent_handlesEveryRecord() {
        byte[] a = TestImages.jpeg(300, 300);
        byte[] b = TestImages.png(300, 300);
        String ea = upload("photos", "multi/a.jpg", a, "image/jpeg");
        String eb = upload("photos", "multi/b.png", b, "image/png");

        List<Outcome> outcomes = sameBucket.handle(S3Events.event(
                S3Events.created("photos", "multi/a.jpg", a.length, ea),
                S3Events.created("photos", "multi/b.png", b.length, eb),
                S3Events.created("photos", "multi/notes.txt", 10, "abc")));

        assertThat(outcomes).extracting(Outcome::name).containsExactly("created", "created", "skipped");
        assertThat(s3.head("photos", "thumbnails/multi/a.jpg")).isPresent();
        assertThat(s3.head("photos", "thumbnails/multi/b.png")).isPresent();
    }

    @Test
    void objectRemoved_deletesItsThumbnail() {
        created(sameBucket, "photos", "removed/gone.jpg", TestImages.jpeg(200, 200));
        s3.client().deleteObject(b -> b.bucket("photos").key("removed/gone.jpg"));

        List<Outcome> outcomes = sameBucket.handle(S3Events.event(S3Events.removed("photos", "removed/gone.jpg")));

        assertThat(outcomes).singleElement().extracting(Outcome::name).isEqualTo("deleted");
        assertThat(s3.head("photos", "thumbnails/removed/gone.jpg")).isEmpty();
        assertThat(s3.head("photos", "removed/gone.jpg")).isEmpty();
    }

    @Test
    void objectRemoved_butUploadedAgain_keepsTheThumbnail() {
        created(sameBucket, "photos", "removed/back.jpg", TestImages.jpeg(200, 200));

        List<Outcome> outcomes = sameBucket.handle(S3Events.event(S3Events.removed("photos", "removed/back.jpg")));

        assertThat(outcomes).singleElement().extracting(Outcome::name).isEqualTo("up-to-date");
        assertThat(s3.head("photos", "thumbnails/removed/back.jpg")).isPresent();
    }

    @Test
    void thumbnailWrittenByTheFunction_neverYieldsAnotherThumbnail() {
        created(sameBucket, "photos", "loop/cat.jpg", TestImages.jpeg(400, 400));
        HeadObjectResponse thumb = s3.head("photos", "thumbnails/loop/cat.jpg").orElseThrow();

        List<Outcome> outcomes = sameBucket.handle(S3Events.event(S3Events.created("photos",
                "thumbnails/loop/cat.jpg", thumb.contentLength(), thumb.eTag().replace("\"", ""))));

        assertThat(outcomes).singleElement().extracting(Outcome::reason).isEqualTo("recursion-guard");
        assertThat(s3.head("photos", "thumbnails/thumbnails/loop/cat.jpg")).isEmpty();
    }

    @Test
    void repeatedEvent_forUnchangedSource_doesNotRewriteTheThumbnail() {
        byte[] photo = TestImages.jpeg(500, 500);
        String etag = upload("photos", "again/dog.jpg", photo, "image/jpeg");
        byte[] event = S3Events.event(S3Events.created("photos", "again/dog.jpg", photo.length, etag));
        sameBucket.handle(event);
        // Replace the thumbnail's bytes (same marker): a rewrite would be visible as new bytes.
        s3.client().putObject(b -> b.bucket("photos").key("thumbnails/again/dog.jpg")
                        .metadata(Map.of(ThumbnailService.SOURCE_ETAG, etag)),
                software.amazon.awssdk.core.sync.RequestBody.fromString("marker"));

        List<Outcome> outcomes = sameBucket.handle(event);

        assertThat(outcomes).singleElement().extracting(Outcome::name).isEqualTo("up-to-date");
        assertThat(new String(s3.get("photos", "thumbnails/again/dog.jpg"), StandardCharsets.UTF_8))
                .isEqualTo("marker");
    }

    @Test
    void changedSource_refreshesTheThumbnail() {
        created(sameBucket, "photos", "changed/pic.jpg", TestImages.jpeg(400, 200));
        List<Outcome> outcomes = created(sameBucket, "photos", "changed/pic.jpg", TestImages.jpeg(200, 400));

        assertThat(outcomes).singleElement().extracting(Outcome::name).isEqualTo("created");
        BufferedImage thumb = TestImages.decode(s3.get("photos", "thumbnails/changed/pic.jpg"));
        assertThat(thumb.getHeight()).isEqualTo(128);
        assertThat(thumb.getWidth()).isEqualTo(64);
    }

    @Test
    void corruptImage_isAPermanentFailure_andTheInvocationSucceeds() throws Exception {
        byte[] junk = "this is not really a jpeg".getBytes(StandardCharsets.UTF_8);
        String etag = upload("photos", "bad/broken.jpg", junk, "image/jpeg");
        byte[] photo = TestImages.jpeg(300, 300);
        String good = upload("photos", "bad/fine.jpg", photo, "image/jpeg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        sameBucket.handleRequest(new ByteArrayInputStream(S3Events.event(
                S3Events.created("photos", "bad/broken.jpg", junk.length, etag),
                S3Events.created("photos", "bad/fine.jpg", photo.length, good))), out, null);

        String answer = out.toString(StandardCharsets.UTF_8);
        assertThat(answer).contains("\"key\":\"bad/broken.jpg\"").contains("\"outcome\":\"failed\"");
        assertThat(answer).containsPattern("\"reason\":\"(corrupt|unsupported-format)\"");
        assertThat(s3.head("photos", "thumbnails/bad/fine.jpg")).isPresent();
        assertThat(s3.head("photos", "thumbnails/bad/broken.jpg")).isEmpty();
    }

    @Test
    void objectDeletedBeforeWeReadIt_isGone_andTheInvocationSucceeds() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        sameBucket.handleRequest(new ByteArrayInputStream(S3Events.event(
                S3Events.created("photos", "vanished/ghost.jpg", 1234, "0123456789abcdef"))), out, null);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"reason\":\"gone\"");
    }

    @Test
    void nonImagesAndFolderMarkers_areSkippedWithTheirReason() {
        List<Outcome> outcomes = sameBucket.handle(S3Events.event(
                S3Events.created("photos", "docs/report.pdf", 100, "e1"),
                S3Events.created("photos", "docs/", 0, "e2")));

        assertThat(outcomes).extracting(Outcome::reason).containsExactly("not-an-image", "folder-marker");
    }

    // ---------------------------------------------------------------- phone and modern formats

    @Test
    void heicUpload_withUpperCaseExtension_getsAJpegAtItsKeyPlusJpg() {
        byte[] photo = TestImages.heif("plain.heic");
        String etag = upload("photos", "phone/IMG_0001.HEIC", photo, "image/heic");

        List<Outcome> outcomes;
        try (ThumbnailHandler small = handler(Map.of("thumbnail.width", 48, "thumbnail.height", 48))) {
            outcomes = small.handle(S3Events.event(S3Events.created("photos", "phone/IMG_0001.HEIC", photo.length, etag)));
        }

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(Outcome.Created.class, created -> {
            assertThat(created.thumbnailKey()).isEqualTo("thumbnails/phone/IMG_0001.HEIC.jpg");
            assertThat(created.contentType()).isEqualTo("image/jpeg");
        });
        HeadObjectResponse head = s3.head("photos", "thumbnails/phone/IMG_0001.HEIC.jpg").orElseThrow();
        assertThat(head.contentType()).isEqualTo("image/jpeg");
        assertThat(head.metadata()).containsEntry(ThumbnailService.SOURCE_ETAG, etag);
        BufferedImage thumb = TestImages.decode(s3.get("photos", "thumbnails/phone/IMG_0001.HEIC.jpg"));
        assertThat(thumb.getWidth() + "x" + thumb.getHeight()).isEqualTo("48x32");
        int topLeft = thumb.getRGB(12, 8);
        assertThat((topLeft >> 16) & 0xff).as("red top left").isGreaterThan(200);
        assertThat((topLeft >> 8) & 0xff).as("red top left").isLessThan(60);
        // Only KEY.jpg: not the source's own key, nor the PNG kept for sources with alpha.
        assertThat(s3.head("photos", "thumbnails/phone/IMG_0001.HEIC")).isEmpty();
        assertThat(s3.head("photos", "thumbnails/phone/IMG_0001.HEIC.png")).isEmpty();
    }

    @Test
    void avifUploadWithAlpha_getsAPngAtItsKeyPlusPng_keepingTransparency() {
        List<Outcome> outcomes = created(sameBucket, "photos", "modern/logo.avif", TestImages.heif("alpha.avif"));

        assertThat(outcomes).singleElement().extracting(Outcome::name).isEqualTo("created");
        HeadObjectResponse head = s3.head("photos", "thumbnails/modern/logo.avif.png").orElseThrow();
        assertThat(head.contentType()).isEqualTo("image/png");
        BufferedImage thumb = TestImages.decode(s3.get("photos", "thumbnails/modern/logo.avif.png"));
        assertThat(thumb.getWidth() + "x" + thumb.getHeight()).isEqualTo("96x64");
        assertThat(thumb.getColorModel().hasAlpha()).isTrue();
        assertThat(thumb.getRGB(70, 10) >>> 24).as("right half transparent").isZero();
        assertThat(thumb.getRGB(12, 12) >>> 24).as("left half opaque").isEqualTo(255);
        assertThat(s3.head("photos", "thumbnails/modern/logo.avif.jpg")).isEmpty();
        assertThat(s3.head("photos", "thumbnails/modern/logo.avif")).isEmpty();
    }

    @Test
    void heicKeyHoldingAJpeg_isAPermanentCorruptFailure_andTheInvocationSucceeds() throws Exception {
        byte[] jpeg = TestImages.jpeg(300, 200);
        String etag = upload("photos", "fake/renamed.heic", jpeg, "image/heic");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        sameBucket.handleRequest(new ByteArrayInputStream(S3Events.event(
                S3Events.created("photos", "fake/renamed.heic", jpeg.length, etag))), out, null);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"key\":\"fake/renamed.heic\"")
                .contains("\"outcome\":\"failed\"").contains("\"reason\":\"corrupt\"");
        List<Outcome> again = sameBucket.handle(S3Events.event(
                S3Events.created("photos", "fake/renamed.heic", jpeg.length, etag)));
        assertThat(again).singleElement().isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.failureReason()).isEqualTo("corrupt");
            assertThat(failed.retryable()).as("permanent").isFalse();
        });
        assertThat(s3.head("photos", "thumbnails/fake/renamed.heic.jpg")).isEmpty();
        assertThat(s3.head("photos", "thumbnails/fake/renamed.heic")).isEmpty();
    }

    @Test
    void heicSwitchedOff_skipsHeicAsNotAnImage_butStillMakesAvif() {
        try (ThumbnailHandler noHeic = handler(Map.of("thumbnail.heic", "false"))) {
            List<Outcome> heic = created(noHeic, "photos", "off/IMG_0003.heic", TestImages.heif("plain.heic"));
            List<Outcome> heif = created(noHeic, "photos", "off/IMG_0004.HEIF", TestImages.heif("plain.heic"));
            List<Outcome> avif = created(noHeic, "photos", "off/logo.avif", TestImages.heif("alpha.avif"));

            assertThat(heic).singleElement().extracting(Outcome::reason).isEqualTo("not-an-image");
            assertThat(heif).singleElement().extracting(Outcome::reason).isEqualTo("not-an-image");
            assertThat(avif).singleElement().extracting(Outcome::name).isEqualTo("created");
        }
        assertThat(s3.head("photos", "thumbnails/off/IMG_0003.heic.jpg")).isEmpty();
        assertThat(s3.head("photos", "thumbnails/off/IMG_0004.HEIF.jpg")).isEmpty();
        assertThat(s3.head("photos", "thumbnails/off/logo.avif.png")).isPresent();
    }

    @Test
    void heicRemoved_deletesItsJpegThumbnail() {
        created(sameBucket, "photos", "removed/IMG_0005.heic", TestImages.heif("plain.heic"));
        assertThat(s3.head("photos", "thumbnails/removed/IMG_0005.heic.jpg")).isPresent();
        s3.client().deleteObject(b -> b.bucket("photos").key("removed/IMG_0005.heic"));

        List<Outcome> outcomes = sameBucket.handle(S3Events.event(S3Events.removed("photos", "removed/IMG_0005.heic")));

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(Outcome.Deleted.class,
                deleted -> assertThat(deleted.thumbnailKey()).isEqualTo("thumbnails/removed/IMG_0005.heic.jpg"));
        assertThat(s3.head("photos", "thumbnails/removed/IMG_0005.heic.jpg")).isEmpty();
    }

    @Test
    void testEvent_isAcknowledged() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String testEvent = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-22T10:00:00.000Z\","
                + "\"Bucket\":\"photos\",\"RequestId\":\"5582815E1AEA5ADF\",\"HostId\":\"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE\"}";

        sameBucket.handleRequest(new ByteArrayInputStream(testEvent.getBytes(StandardCharsets.UTF_8)), out, null);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"outcomes\":[]}");
    }

    @Test
    void secondBucketLayout_withEmptyPrefix_writesSameKeyInTargetBucket() {
        s3.createBucket("photos-resized");
        try (ThumbnailHandler tutorial = handler(Map.of("thumbnail.target-bucket", "photos-resized",
                "thumbnail.prefix", ""))) {
            created(tutorial, "photos", "tutorial/HappyFace.jpg", TestImages.jpeg(640, 480));

            assertThat(s3.head("photos-resized", "tutorial/HappyFace.jpg")).isPresent();
            // An event from the target bucket itself (a misconfigured trigger) must not loop.
            List<Outcome> loop = tutorial.handle(S3Events.event(S3Events.created("photos-resized",
                    "tutorial/HappyFace.jpg", 100, "x")));
            assertThat(loop).singleElement().extracting(Outcome::reason).isEqualTo("recursion-guard");
        }
    }

    @Test
    void secondBucketLayout_withResizedPrefix() {
        s3.createBucket("photos-small");
        try (ThumbnailHandler resized = handler(Map.of("thumbnail.target-bucket", "photos-small",
                "thumbnail.prefix", "resized-"))) {
            created(resized, "photos", "HappyFace.jpg", TestImages.jpeg(640, 480));

            assertThat(s3.head("photos-small", "resized-HappyFace.jpg")).isPresent();
        }
    }

    @Test
    void configurationThatWouldRecurse_stopsTheFunctionAtStartUp() {
        assertThatThrownBy(() -> handler(Map.of("thumbnail.prefix", "")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("recurse");
    }

    @Test
    void objectAtThumbnailKeyNotWrittenByUs_isLeftUntouched() {
        s3.createBucket("shared-target");
        upload("shared-target", "family.jpg", "precious".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        try (ThumbnailHandler handler = handler(Map.of("thumbnail.target-bucket", "shared-target",
                "thumbnail.prefix", ""))) {
            List<Outcome> outcomes = created(handler, "photos", "family.jpg", TestImages.jpeg(300, 300));

            assertThat(outcomes).singleElement().extracting(Outcome::reason).isEqualTo("foreign-object");
            assertThat(new String(s3.get("shared-target", "family.jpg"), StandardCharsets.UTF_8)).isEqualTo("precious");
        }
    }
}
