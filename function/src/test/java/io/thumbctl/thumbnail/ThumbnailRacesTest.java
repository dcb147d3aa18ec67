package io.thumbctl.thumbnail;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
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
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs on one key, as S3's at-least-once, unordered delivery and Lambda's concurrency make
 * them: each race is staged deterministically by holding one run's request in a relay in front
 * of the real S3 protocol server until the other run is done.
 *
 * <p>The three sources differ in shape, so the thumbnail's own dimensions tell which content it
 * shows: A is landscape, B portrait, C square.
 */
class ThumbnailRacesTest {

    static final String BUCKET = "races";
    static final byte[] A = TestImages.jpeg(600, 400);
    static final byte[] B = TestImages.jpeg(400, 600);
    static final byte[] C = TestImages.jpeg(300, 300);

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
        service = serviceWith(ThumbnailSettings.defaults());
    }

    static ThumbnailService serviceWith(ThumbnailSettings settings) {
        return new ThumbnailService(new S3ObjectStore(() -> client), new KeyPolicy(settings), new ThumbnailRenderer(RenderSettings.fromEnvironment()));
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

    /** A fresh key per test, so the tests share one server without seeing each other's objects. */
    static String newKey() {
        return "photo-" + keys.incrementAndGet() + ".jpg";
    }

    static ObjectRef upload(String key, byte[] content) {
        String etag = s3.put(BUCKET, key, content, "image/jpeg");
        return new ObjectRef(BUCKET, key, (long) content.length, etag);
    }

    static BufferedImage thumbnailOf(String key) {
        return TestImages.decode(s3.get(BUCKET, "thumbnails/" + key));
    }

    static String madeFrom(String key) {
        HeadObjectResponse head = s3.head(BUCKET, "thumbnails/" + key).orElseThrow();
        return head.metadata().get(ThumbnailService.SOURCE_ETAG);
    }

    @Test
    void lateWriterOfOlderContent_givesWayToTheNewerThumbnail() throws Exception {
        String key = newKey();
        ObjectRef contentA = upload(key, A);
        S3FaultRelay.Hold slowNetwork = relay.hold(BUCKET, "thumbnails/" + key, "PUT");
        CompletableFuture<Outcome> run1 = CompletableFuture.supplyAsync(() -> service.create(contentA));
        slowNetwork.awaitArrived();

        ObjectRef contentB = upload(key, B);
        Outcome run2 = service.create(contentB);
        slowNetwork.release();

        assertThat(run2).isInstanceOf(Outcome.Created.class);
        assertThat(run1.get()).as("the late run reports no failure").isInstanceOf(Outcome.UpToDate.class);
        assertThat(thumbnailOf(key).getHeight()).as("B is portrait").isEqualTo(128);
        assertThat(madeFrom(key)).isEqualTo(contentB.etag());
        assertThat(relay.requests(BUCKET, "thumbnails/" + key)).filteredOn(r -> r.method().equals("PUT"))
                .allSatisfy(put -> assertThat(put.header("If-None-Match")).isEqualTo("*"));
    }

    @Test
    void refreshOvertakenByANewerOne_newerThumbnailStands() throws Exception {
        String key = newKey();
        assertThat(service.create(upload(key, A))).isInstanceOf(Outcome.Created.class);
        String thumbnailOfA = s3.head(BUCKET, "thumbnails/" + key).orElseThrow().eTag();

        ObjectRef contentB = upload(key, B);
        S3FaultRelay.Hold slowNetwork = relay.hold(BUCKET, "thumbnails/" + key, "PUT");
        CompletableFuture<Outcome> refreshToB = CompletableFuture.supplyAsync(() -> service.create(contentB));
        slowNetwork.awaitArrived();
        ObjectRef contentC = upload(key, C);
        Outcome refreshToC = service.create(contentC);
        slowNetwork.release();

        assertThat(refreshToC).isInstanceOf(Outcome.Created.class);
        assertThat(refreshToB.get()).isInstanceOf(Outcome.UpToDate.class);
        BufferedImage thumbnail = thumbnailOf(key);
        assertThat(thumbnail.getWidth()).as("C is square").isEqualTo(thumbnail.getHeight());
        assertThat(madeFrom(key)).isEqualTo(contentC.etag());
        List<S3FaultRelay.Request> puts = relay.requests(BUCKET, "thumbnails/" + key).stream()
                .filter(r -> r.method().equals("PUT")).toList();
        assertThat(puts.get(1).header("If-Match")).as("a refresh replaces only the thumbnail it saw")
                .isEqualTo(thumbnailOfA);
    }

    @Test
    void duplicateEventsAtOnce_bothSucceed_andOneThumbnailIsWritten() throws Exception {
        String key = newKey();
        ObjectRef content = upload(key, A);
        S3FaultRelay.Hold first = relay.hold(BUCKET, "thumbnails/" + key, "PUT");
        S3FaultRelay.Hold second = relay.hold(BUCKET, "thumbnails/" + key, "PUT");
        CompletableFuture<Outcome> run1 = CompletableFuture.supplyAsync(() -> service.create(content));
        CompletableFuture<Outcome> run2 = CompletableFuture.supplyAsync(() -> service.create(content));
        first.awaitArrived();
        second.awaitArrived();

        first.release();
        Object winner = CompletableFuture.anyOf(run1, run2).get(); // the other one is still held
        second.release();

        assertThat(List.of(run1.get(), run2.get())).extracting(Outcome::name)
                .containsExactlyInAnyOrder("created", "up-to-date");
        assertThat(winner).isInstanceOf(Outcome.Created.class);
        assertThat(madeFrom(key)).isEqualTo(content.etag());
        assertThat(relay.requests(BUCKET, "thumbnails/" + key)).filteredOn(r -> r.method().equals("PUT")).hasSize(2);
    }

    @Test
    void removalRacingAReupload_leavesTheNewContentsThumbnail() throws Exception {
        String key = newKey();
        ObjectRef old = upload(key, A);
        assertThat(service.create(old)).isInstanceOf(Outcome.Created.class);
        client.deleteObject(r -> r.bucket(BUCKET).key(key));
        S3FaultRelay.Hold slowDelete = relay.hold(BUCKET, "thumbnails/" + key, "DELETE");
        CompletableFuture<Outcome> removal = CompletableFuture.supplyAsync(() -> service.remove(ObjectRef.of(BUCKET, key)));
        slowDelete.awaitArrived();

        ObjectRef reuploaded = upload(key, B);
        assertThat(service.create(reuploaded)).isInstanceOf(Outcome.Created.class);
        slowDelete.release();

        // S3 refuses the conditional delete (the thumbnail changed); a server that ignores the
        // condition deletes it, and the re-check after the delete makes it again. Either way:
        assertThat(removal.get().name()).isIn("created", "up-to-date");
        assertThat(thumbnailOf(key).getHeight()).as("B is portrait").isEqualTo(128);
        assertThat(madeFrom(key)).isEqualTo(reuploaded.etag());
        assertThat(relay.requests(BUCKET, "thumbnails/" + key)).filteredOn(r -> r.method().equals("DELETE"))
                .singleElement().satisfies(delete -> assertThat(delete.header("If-Match")).isNotBlank());
    }

    @Test
    void sourceChangedSinceTheEvent_thumbnailNamesTheBytesItWasMadeFrom() {
        String key = newKey();
        ObjectRef event = upload(key, A);
        ObjectRef now = upload(key, B);

        Outcome outcome = service.create(event);

        assertThat(outcome).isInstanceOf(Outcome.Created.class);
        assertThat(relay.requests(BUCKET, key)).filteredOn(r -> r.method().equals("GET")).first()
                .satisfies(get -> assertThat(get.header("If-Match")).contains(event.etag()));
        assertThat(madeFrom(key)).isEqualTo(now.etag());
        assertThat(thumbnailOf(key).getHeight()).isEqualTo(128);
    }

    @Test
    void removal_deletesOnlyTheThumbnailItSaw_andSaysWhenThereWasNone() {
        String key = newKey();
        assertThat(service.create(upload(key, A))).isInstanceOf(Outcome.Created.class);
        client.deleteObject(r -> r.bucket(BUCKET).key(key));

        assertThat(service.remove(ObjectRef.of(BUCKET, key))).isInstanceOf(Outcome.Deleted.class);
        assertThat(s3.head(BUCKET, "thumbnails/" + key)).isEmpty();
        assertThat(service.remove(ObjectRef.of(BUCKET, key))).isInstanceOf(Outcome.NothingToDelete.class);
    }

    @Test
    void removalEventForASourceThatIsBack_keepsItsThumbnailCurrent() {
        String key = newKey();
        ObjectRef content = upload(key, A);
        assertThat(service.create(content)).isInstanceOf(Outcome.Created.class);

        Outcome outcome = service.remove(ObjectRef.of(BUCKET, key));

        assertThat(outcome).isInstanceOf(Outcome.UpToDate.class);
        assertThat(madeFrom(key)).isEqualTo(content.etag());
    }
}
