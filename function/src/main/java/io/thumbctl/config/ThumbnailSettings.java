package io.thumbctl.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Everything that decides what a thumbnail is and where it goes. One immutable record serves the
 * function and the CLI; a CLI flag makes a modified copy ({@link #withPrefix}) instead of mutating
 * a bean.
 *
 * @param targetBucket   bucket that receives thumbnails; {@code null} means the source bucket
 * @param prefix         put before the source key to make the thumbnail key; may be empty only
 *                       with a target bucket other than the source
 * @param width          bounding box width in pixels
 * @param height         bounding box height in pixels
 * @param format         output format
 * @param maxSourceBytes larger sources are skipped as {@code too-large}
 * @param maxPixels      images with more pixels (read from the header) fail as {@code too-many-pixels}
 * @param jpegQuality    JPEG encoder quality, 0 to 1
 * @param renditions     {@code null} or blank: one thumbnail per source (the fields above); else
 *                       the renditions to make ({@link Renditions} syntax), and width, height,
 *                       format and JPEG quality do not apply
 * @param manifest       with renditions, whether a JSON manifest is written per source
 * @param heic           whether HEIC/HEIF sources are decoded (else skipped as {@code not-an-image})
 */
@ConfigurationProperties("thumbnail")
public record ThumbnailSettings(
        @Nullable String targetBucket,
        @Bindable(defaultValue = DEFAULT_PREFIX) String prefix,
        @Bindable(defaultValue = "128") int width,
        @Bindable(defaultValue = "128") int height,
        @Bindable(defaultValue = "same") OutputFormat format,
        @Bindable(defaultValue = "104857600") long maxSourceBytes,
        @Bindable(defaultValue = "100000000") long maxPixels,
        @Bindable(defaultValue = "0.85") float jpegQuality,
        @Nullable String renditions,
        @Bindable(defaultValue = "true") boolean manifest,
        @Bindable(defaultValue = "true") boolean heic) {

    public static final String DEFAULT_PREFIX = "thumbnails/";
    /** The most {@code thumbnail.max-source-bytes} may be: a source is read into one array, and no array is larger. */
    public static final long MAX_SOURCE_BYTES = Integer.MAX_VALUE - 8;

    @Creator
    public ThumbnailSettings {
        targetBucket = targetBucket == null || targetBucket.isBlank() ? null : targetBucket.trim();
        prefix = prefix == null ? DEFAULT_PREFIX : prefix;
        format = format == null ? OutputFormat.SAME : format;
        renditions = renditions == null || renditions.isBlank() ? null : renditions.trim();
        // Parsed here so that a malformed value fails init; renditionList() parses it again (cheap).
        Renditions.parse(renditions);
        if (width <= 0 || height <= 0) {
            throw new InvalidSettingsException("THUMBNAIL_WIDTH and THUMBNAIL_HEIGHT (thumbnail.width, "
                    + "thumbnail.height) must be positive, got " + width + "x" + height);
        }
        if (maxSourceBytes <= 0 || maxPixels <= 0) {
            throw new InvalidSettingsException("THUMBNAIL_MAX_SOURCE_BYTES and THUMBNAIL_MAX_PIXELS "
                    + "(thumbnail.max-source-bytes, thumbnail.max-pixels) must be positive, got " + maxSourceBytes
                    + " and " + maxPixels);
        }
        if (maxSourceBytes > MAX_SOURCE_BYTES) {
            throw new InvalidSettingsException("THUMBNAIL_MAX_SOURCE_BYTES (thumbnail.max-source-bytes) must be at most "
                    + MAX_SOURCE_BYTES + " (the largest array Java holds: a source is read into one), got "
                    + maxSourceBytes);
        }
        if (jpegQuality <= 0 || jpegQuality > 1) {
            throw new InvalidSettingsException("THUMBNAIL_JPEG_QUALITY (thumbnail.jpeg-quality) must be more than 0 "
                    + "and at most 1, got " + jpegQuality + "; 0.85 is a good default");
        }
    }

    /** The defaults of DESIGN.md, for tests and tools that run without a Micronaut context. */
    public static ThumbnailSettings defaults() {
        return new ThumbnailSettings(null, DEFAULT_PREFIX, 128, 128, OutputFormat.SAME,
                104_857_600L, 100_000_000L, 0.85f);
    }

    /** The settings of a single thumbnail per source (no renditions), HEIC on, as before renditions existed. */
    public ThumbnailSettings(@Nullable String targetBucket, String prefix, int width, int height, OutputFormat format,
                             long maxSourceBytes, long maxPixels, float jpegQuality) {
        this(targetBucket, prefix, width, height, format, maxSourceBytes, maxPixels, jpegQuality, null, true, true);
    }

    /** The configured renditions, in the order written; empty in single-thumbnail mode. */
    public List<Rendition> renditionList() {
        return Renditions.parse(renditions);
    }

    /** Whether renditions are configured (else one thumbnail per source). */
    public boolean hasRenditions() {
        return renditions != null;
    }

    /**
     * What shapes a thumbnail's pixels, as recorded on every thumbnail ({@code thumbctl-settings}),
     * e.g. {@code 128x128 same q0.85}: a thumbnail made with other settings is stale. Where it goes
     * (bucket, prefix) and the limits are not part of it: they do not change the pixels.
     */
    public String fingerprint() {
        String quality = new BigDecimal(Float.toString(jpegQuality)).stripTrailingZeros().toPlainString();
        return width + "x" + height + " " + format.name().toLowerCase(Locale.ROOT) + " q" + quality;
    }

    /** The bucket thumbnails of objects in {@code sourceBucket} are written to. */
    public String targetBucketFor(String sourceBucket) {
        return targetBucket == null ? sourceBucket : targetBucket;
    }

    public String thumbnailKey(String sourceKey) {
        return prefix + sourceKey;
    }

    /**
     * Refuses a configuration whose thumbnails would land on their own sources: no target bucket
     * (so thumbnails go to the source bucket) and an empty prefix.
     */
    public ThumbnailSettings requireNoRecursion() {
        if (targetBucket == null && prefix.isEmpty()) {
            throw new InvalidSettingsException("thumbnail.prefix is empty and no thumbnail.target-bucket is set: "
                    + "thumbnails would be written over their sources and every thumbnail would trigger another "
                    + "(it would recurse). Set THUMBNAIL_TARGET_BUCKET to a second bucket, or keep a prefix such "
                    + "as 'thumbnails/'.");
        }
        return this;
    }

    public ThumbnailSettings withPrefix(String newPrefix) {
        return new ThumbnailSettings(targetBucket, newPrefix, width, height, format, maxSourceBytes, maxPixels,
                jpegQuality, renditions, manifest, heic);
    }

    public ThumbnailSettings withTargetBucket(@Nullable String newTargetBucket) {
        return new ThumbnailSettings(newTargetBucket, prefix, width, height, format, maxSourceBytes, maxPixels,
                jpegQuality, renditions, manifest, heic);
    }

    public ThumbnailSettings withBox(int newWidth, int newHeight) {
        return new ThumbnailSettings(targetBucket, prefix, newWidth, newHeight, format, maxSourceBytes, maxPixels,
                jpegQuality, renditions, manifest, heic);
    }

    public ThumbnailSettings withFormat(OutputFormat newFormat) {
        return new ThumbnailSettings(targetBucket, prefix, width, height, newFormat, maxSourceBytes, maxPixels,
                jpegQuality, renditions, manifest, heic);
    }

    public ThumbnailSettings withRenditions(@Nullable String newRenditions) {
        return new ThumbnailSettings(targetBucket, prefix, width, height, format, maxSourceBytes, maxPixels,
                jpegQuality, newRenditions, manifest, heic);
    }

    public ThumbnailSettings withManifest(boolean newManifest) {
        return new ThumbnailSettings(targetBucket, prefix, width, height, format, maxSourceBytes, maxPixels,
                jpegQuality, renditions, newManifest, heic);
    }

    public ThumbnailSettings withHeic(boolean newHeic) {
        return new ThumbnailSettings(targetBucket, prefix, width, height, format, maxSourceBytes, maxPixels,
                jpegQuality, renditions, manifest, newHeic);
    }

    public ThumbnailSettings withLimits(long newMaxSourceBytes, long newMaxPixels) {
        return new ThumbnailSettings(targetBucket, prefix, width, height, format, newMaxSourceBytes, newMaxPixels,
                jpegQuality, renditions, manifest, heic);
    }
}
