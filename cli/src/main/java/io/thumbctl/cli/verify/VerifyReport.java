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
 * @param ok         checked sources with a thumbnail at least as new as themselves
 * @param skipped    sources the policy skips, by reason: they need no thumbnail, so are not missing
 */
// every field, empty ones too, so that a runbook's jq filter always finds it
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VerifyReport(String bucket, String prefix, String thumbnailBucket, String thumbnailPrefix,
                           long sources, long thumbnails, long checked, long ok, long missing, long orphan,
                           long stale, Map<String, Long> skipped, double seconds) {

    public boolean allWell() {
        return missing == 0 && orphan == 0 && stale == 0;
    }
}
