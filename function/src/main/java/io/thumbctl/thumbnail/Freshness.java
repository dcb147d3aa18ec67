package io.thumbctl.thumbnail;

/**
 * How a source's thumbnail stands against the source and the current settings: the one check the
 * function and backfill's dry run share ({@link ThumbnailService#inspect}).
 */
public enum Freshness {
    /** No thumbnail yet. */
    MISSING,
    /** A thumbnail of ours, made from other source bytes or with other settings. */
    STALE,
    /** Made from the source's current bytes with the current settings. */
    UP_TO_DATE,
    /** Something thumbctl did not write sits at the thumbnail key; it is left alone. */
    FOREIGN,
    /** A rendition of another source that maps to the same key sits there ({@code key-collision}); left alone. */
    COLLISION
}
