package io.thumbctl.thumbnail;

import io.thumbctl.config.OutputFormat;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.S3ObjectStore;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One object in, one outcome out: a thumbnail is up to date only when made from the source's
 * bytes with the current settings, and only known-permanent failures are acknowledged.
 */
class ThumbnailServiceTest {

    static final String BUCKET = "freshness";
    static S3TestServer s3;
    static final AtomicInteger keys = new AtomicInteger();

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    static ThumbnailService serviceWith(ThumbnailSettings settings) {
        return serviceOver(s3.client(), settings);
    }

    static ThumbnailService serviceOver(S3Client client, ThumbnailSettings settings) {
        return new ThumbnailService(new S3ObjectStore(() -> client), new KeyPolicy(settings), new ThumbnailRenderer(RenderSettings.fromEnvironment()));
    }

    static ObjectRef upload() {
        String key = "photo-" + keys.incrementAndGet() + ".jpg";
        byte[] photo = TestImages.jpeg(800, 600);
        return new ObjectRef(BUCKET, key, (long) photo.length, s3.put(BUCKET, key, photo, "image/jpeg"));
    }

    static Map<String, String> thumbnailMetadata(ObjectRef source) {
        return s3.head(BUCKET, "thumbnails/" + source.key()).orElseThrow().metadata();
    }

    @Test
    void everyThumbnail_recordsTheSettingsThatShapedIt() {
        ObjectRef source = upload();

        serviceWith(ThumbnailSettings.defaults()).create(source);

        assertThat(thumbnailMetadata(source)).containsEntry(ThumbnailService.SETTINGS, "128x128 same q0.85")
                .containsEntry(ThumbnailService.SOURCE_ETAG, source.etag());
    }

    @Test
    void changedBox_makesTheThumbnailStale_andTheNextEventRewritesIt() {
        ObjectRef source = upload();
        serviceWith(ThumbnailSettings.defaults()).create(source);
        ThumbnailService wider = serviceWith(ThumbnailSettings.defaults().withBox(256, 256));

        assertThat(wider.inspect(source)).isEqualTo(Freshness.STALE);
        Outcome outcome = wider.create(source);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Created.class, c -> assertThat(c.width()).isEqualTo(256));
        assertThat(thumbnailMetadata(source)).containsEntry(ThumbnailService.SETTINGS, "256x256 same q0.85");
        assertThat(wider.inspect(source)).isEqualTo(Freshness.UP_TO_DATE);
    }

    @Test
    void changedFormat_makesTheThumbnailStale() {
        ObjectRef source = upload();
        serviceWith(ThumbnailSettings.defaults()).create(source);

        assertThat(serviceWith(ThumbnailSettings.defaults().withFormat(OutputFormat.PNG)).inspect(source))
                .isEqualTo(Freshness.STALE);
    }

    @Test
    void thumbnailFromBeforeSettingsWereRecorded_countsAsMadeWithThatReleasesDefaults() {
        ObjectRef source = upload();
        byte[] marker = "thumbnail written by the previous release".getBytes();
        s3.client().putObject(b -> b.bucket(BUCKET).key("thumbnails/" + source.key())
                .metadata(Map.of(ThumbnailService.SOURCE_ETAG, source.etag())), RequestBody.fromBytes(marker));

        assertThat(serviceWith(ThumbnailSettings.defaults()).create(source)).isInstanceOf(Outcome.UpToDate.class);
        assertThat(s3.get(BUCKET, "thumbnails/" + source.key())).isEqualTo(marker);
        assertThat(serviceWith(ThumbnailSettings.defaults().withBox(64, 64)).inspect(source))
                .isEqualTo(Freshness.STALE);
    }

    @Test
    void inspect_tellsMissingStaleUpToDateAndForeign() {
        ThumbnailService service = serviceWith(ThumbnailSettings.defaults());
        ObjectRef missing = upload();
        ObjectRef current = upload();
        service.create(current);
        ObjectRef foreign = upload();
        s3.put(BUCKET, "thumbnails/" + foreign.key(), new byte[]{1}, "image/jpeg");
        ObjectRef changed = new ObjectRef(BUCKET, current.key(), current.size(), "0123456789abcdef0123456789abcdef");

        assertThat(service.inspect(missing)).isEqualTo(Freshness.MISSING);
        assertThat(service.inspect(current)).isEqualTo(Freshness.UP_TO_DATE);
        assertThat(service.inspect(changed)).isEqualTo(Freshness.STALE);
        assertThat(service.inspect(foreign)).isEqualTo(Freshness.FOREIGN);
    }

    @Test
    void eventWithoutEtag_upToDateThumbnail_isDecidedWithoutReadingTheSource() {
        ThumbnailService service = serviceWith(ThumbnailSettings.defaults());
        ObjectRef source = upload();
        service.create(source);

        Outcome outcome = service.create(ObjectRef.of(BUCKET, source.key()));

        assertThat(outcome).isInstanceOf(Outcome.UpToDate.class);
    }

    @Test
    void unexpectedError_isRetryable_neverAcknowledged() {
        // As when the SDK client cannot be built: a plain runtime exception, not an S3 answer.
        ThumbnailService service = new ThumbnailService(new S3ObjectStore(() -> {
            throw new IllegalStateException("the S3 client could not be built");
        }), new KeyPolicy(ThumbnailSettings.defaults()), new ThumbnailRenderer(RenderSettings.fromEnvironment()));
        ObjectRef source = new ObjectRef(BUCKET, "a.jpg", 10L, "0123456789abcdef0123456789abcdef");

        assertThat(service.create(source)).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).isEqualTo(ThumbnailService.INTERNAL_ERROR);
        });
        assertThat(service.remove(source)).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.retryable()).isTrue());
    }

    @Test
    void sourceDeletedBeforeWeLooked_isGone_andPermanent() {
        Outcome outcome = serviceWith(ThumbnailSettings.defaults()).create(ObjectRef.of(BUCKET, "never-there.jpg"));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("gone");
            assertThat(f.retryable()).isFalse();
        });
    }

    @Test
    void missingBucket_isRetryable_notGone() {
        // A HEAD answers both with a bare 404: the event must survive until the bucket is there.
        Outcome outcome = serviceWith(ThumbnailSettings.defaults()).create(ObjectRef.of("no-such-bucket", "a.jpg"));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("no-such-bucket");
            assertThat(f.retryable()).isTrue();
        });
    }
}
