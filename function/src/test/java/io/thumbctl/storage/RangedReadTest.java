package io.thumbctl.storage;

import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ObjectStore#getRange} against a real S3 protocol server: the range, the ETag, If-Match. */
class RangedReadTest {

    static final String BUCKET = "ranges";
    static final byte[] OBJECT = new byte[300_000];

    static S3TestServer s3;
    static ObjectStore store;

    @BeforeAll
    static void start() {
        new Random(7).nextBytes(OBJECT);
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
        store = new S3ObjectStore(s3::client);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void rangeInsideTheObject_isThoseBytes_withTheWholeSizeAndEtag() {
        String etag = s3.put(BUCKET, "photo.jpg", OBJECT, "image/jpeg");

        StoredRange range = store.getRange(BUCKET, "photo.jpg", 1000, 65_999, null);

        assertThat(range.first()).isEqualTo(1000);
        assertThat(range.content()).isEqualTo(Arrays.copyOfRange(OBJECT, 1000, 66_000));
        assertThat(range.info().size()).isEqualTo(OBJECT.length);
        assertThat(range.info().etag()).isEqualTo(etag);
        assertThat(range.reachesEnd()).isFalse();
    }

    @Test
    void rangeRunningPastTheEnd_isTheRestOfTheObject() {
        s3.put(BUCKET, "tail.jpg", OBJECT, "image/jpeg");

        StoredRange range = store.getRange(BUCKET, "tail.jpg", 200_000, 499_999, null);

        assertThat(range.content()).isEqualTo(Arrays.copyOfRange(OBJECT, 200_000, OBJECT.length));
        assertThat(range.reachesEnd()).isTrue();
    }

    @Test
    void restOfTheObject_isReadIntoTheEndOfTheCallersArray() {
        String etag = s3.put(BUCKET, "rest.jpg", OBJECT, "image/jpeg");
        byte[] whole = Arrays.copyOf(Arrays.copyOf(OBJECT, 60_000), OBJECT.length);

        store.readRestInto(BUCKET, "rest.jpg", whole, 60_000, etag);

        assertThat(whole).isEqualTo(OBJECT);
    }

    @Test
    void restOfAnObjectReplacedSince_isAPreconditionFailure() {
        String etag = s3.put(BUCKET, "replaced-rest.jpg", OBJECT, "image/jpeg");
        s3.put(BUCKET, "replaced-rest.jpg", Arrays.copyOf(OBJECT, 250_000), "image/jpeg");
        byte[] whole = Arrays.copyOf(Arrays.copyOf(OBJECT, 60_000), OBJECT.length);

        assertThatThrownBy(() -> store.readRestInto(BUCKET, "replaced-rest.jpg", whole, 60_000, etag))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> store.readRestInto(BUCKET, "replaced-rest.jpg", whole, 60_000, null))
                .as("another size, even without an ETag to compare").isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void ifMatchWithTheCurrentEtag_reads() {
        String etag = s3.put(BUCKET, "same.jpg", OBJECT, "image/jpeg");

        StoredRange range = store.getRange(BUCKET, "same.jpg", 0, 99, etag);

        assertThat(range.content()).isEqualTo(Arrays.copyOf(OBJECT, 100));
    }

    @Test
    void objectReplacedBetweenTwoRanges_isAPreconditionFailure() {
        String etag = s3.put(BUCKET, "changed.jpg", OBJECT, "image/jpeg");
        StoredRange head = store.getRange(BUCKET, "changed.jpg", 0, 99, null);
        s3.put(BUCKET, "changed.jpg", Arrays.copyOf(OBJECT, 1000), "image/jpeg");

        assertThat(head.info().etag()).isEqualTo(etag);
        assertThatThrownBy(() -> store.getRange(BUCKET, "changed.jpg", 100, 199, head.info().etag()))
                .isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void missingObject_isGone() {
        assertThatThrownBy(() -> store.getRange(BUCKET, "never-uploaded.jpg", 0, 99, null))
                .isInstanceOf(ObjectGoneException.class);
    }
}
