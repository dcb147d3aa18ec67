package io.thumbctl.cli.backfill;

import io.thumbctl.thumbnail.ObjectRef;

/**
 * What a dry run would write.
 *
 * @param refresh {@code false}: the thumbnail is missing; {@code true}: it is stale (made from an
 *                earlier version of the source, by ETag)
 */
public record PlannedThumbnail(ObjectRef source, String thumbnailBucket, String thumbnailKey, boolean refresh) {

    /** {@code would-create} or {@code would-refresh}, the word used in the output. */
    public String action() {
        return refresh ? "would-refresh" : "would-create";
    }
}
