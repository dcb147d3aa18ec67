package io.thumbctl.thumbnail;

import io.micronaut.core.annotation.Nullable;

/**
 * How one object of a source stands.
 *
 * @param rendition {@code null} for the single thumbnail
 * @param key          where it is, or where it would be
 * @param lastModified the object's, {@code null} when there is none
 */
public record TargetFreshness(@Nullable String rendition, String key, Freshness freshness,
                              @Nullable java.time.Instant lastModified) {
}
