package io.thumbctl.thumbnail;

import io.thumbctl.storage.ObjectGoneException;
import io.thumbctl.storage.ObjectStore;

/** The failed outcomes that creation and removal share: a source gone, a thumbnail not ours, a race not settled. */
final class Verdicts {

    private Verdicts() {
    }

    /**
     * The source's HEAD found nothing. A HEAD's bare 404 cannot tell a deleted object (permanent:
     * nothing to do) from a missing bucket (retryable: fixed by configuration); a GET's error code
     * can, so one byte is asked for.
     */
    static Outcome gone(ObjectStore store, ObjectRef source) {
        try {
            store.getRange(source.bucket(), source.key(), 0, 0, null);
        } catch (ObjectGoneException deleted) {
            return new Outcome.Failed(source, "gone", false,
                    "s3://" + source.bucket() + "/" + source.key() + " no longer exists");
        }
        return new Outcome.Failed(source, ThumbnailService.CONFLICT, true, "s3://" + source.bucket() + "/"
                + source.key() + " came back while it was looked at; a retry will settle it");
    }

    static Outcome foreign(ObjectRef source, String bucket, String key) {
        return new Outcome.Failed(source, ThumbnailService.FOREIGN_OBJECT, false, "s3://" + bucket + "/" + key
                + " exists but was not written by thumbctl (no " + ThumbnailService.SOURCE_ETAG
                + " metadata); left untouched");
    }

    static Outcome conflict(ObjectRef source, String bucket, String key) {
        return new Outcome.Failed(source, ThumbnailService.CONFLICT, true, "s3://" + bucket + "/" + key
                + " kept changing while it was decided " + ThumbnailService.MAX_DECISIONS
                + " times; a retry will settle it");
    }
}
