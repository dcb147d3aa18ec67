package io.thumbctl.config;

/** How a rendition fills its box. Neither ever enlarges the source. */
public enum Fit {
    /** Inside the box, aspect ratio kept. */
    INSIDE,
    /** Fills the box exactly: scaled to cover it, then cropped around the centre. */
    COVER
}
