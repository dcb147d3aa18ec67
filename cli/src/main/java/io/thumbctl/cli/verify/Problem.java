package io.thumbctl.cli.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One thing verify found wrong.
 *
 * @param problem           {@code missing}, {@code orphan}, {@code stale}, or (with {@code --deep})
 *                          {@code foreign}: an object thumbctl did not write sits at the thumbnail key
 * @param key               the source key (for an orphan: the key its source would have)
 * @param sourceModified    the source's LastModified, when there is a source
 * @param thumbnailModified the thumbnail's LastModified, when there is a thumbnail
 * @param rendition         with renditions, the rendition the problem is about
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String problem, String bucket, String key, String thumbnailBucket, String thumbnailKey,
                      @Nullable Instant sourceModified, @Nullable Instant thumbnailModified,
                      @Nullable String rendition) {

    public static final String MISSING = "missing";
    public static final String ORPHAN = "orphan";
    public static final String STALE = "stale";
    public static final String FOREIGN = "foreign";
    /** With renditions and {@code --deep}: another source's rendition sits at this source's rendition key. */
    public static final String COLLISION = "key-collision";

    public Problem(String problem, String bucket, String key, String thumbnailBucket, String thumbnailKey,
                   @Nullable Instant sourceModified, @Nullable Instant thumbnailModified) {
        this(problem, bucket, key, thumbnailBucket, thumbnailKey, sourceModified, thumbnailModified, null);
    }

    /** The line of text output: the problem, the key acted on, and the rendition where there is one. */
    public String text() {
        return problem + "\t" + subject() + (rendition == null ? "" : "\trendition " + rendition);
    }

    /** The key a person acts on: the source's, or for an orphan the thumbnail's. */
    public String subject() {
        return ORPHAN.equals(problem) ? thumbnailKey : key;
    }
}
