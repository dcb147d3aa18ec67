package io.thumbctl.cli.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * What verify counted; the {@code summary} of {@code --output json}.
 *
 * @param sources    source keys listed (thumbnails excluded when they share the bucket)
 * @param thumbnails keys listed under the thumbnail prefix in the target bucket
 * @param checked    sources the key policy would process
 * @param ok         checked sources with an up-to-date thumbnail (at least as new as themselves; with
 *                   {@code deep}, made from their ETag with the current settings)
 * @param foreign    thumbnail keys holding an object thumbctl did not write (seen only when {@code deep})
 * @param deep       whether every thumbnail's metadata was read (one HEAD each)
 * @param skipped    sources the policy skips, by reason: they need no thumbnail, so are not missing
 */
// every field, empty ones too, so that a runbook's jq filter always finds it
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VerifyReport(String bucket, String prefix, String thumbnailBucket, String thumbnailPrefix,
                           long sources, long thumbnails, long checked, long ok, long missing, long orphan,
                           long stale, long foreign, Map<String, Long> skipped, boolean deep, double seconds) {

    public boolean allWell() {
        return missing == 0 && orphan == 0 && stale == 0 && foreign == 0;
    }
}
