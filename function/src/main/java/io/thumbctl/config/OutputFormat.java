package io.thumbctl.config;

/** The format a thumbnail is written in ({@code thumbnail.format}). */
public enum OutputFormat {
    /** JPEG stays JPEG, PNG stays PNG, GIF stays GIF; formats we cannot write (WebP, BMP, ...) become PNG. */
    SAME,
    JPEG,
    PNG
}
