package io.thumbctl.cli.backfill;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * The end of a backfill run; the {@code summary} of {@code --output json}.
 *
 * @param scanned     keys listed
 * @param created     thumbnails written, missing or stale ones
 * @param upToDate    thumbnails already made from the source's current ETag
 * @param skipped     keys the policy skips, by reason
 * @param failed      objects that failed; {@code failures} keeps the first
 *                    {@value BackfillService#MAX_FAILURES_KEPT} of them
 * @param wouldCreate dry run: missing thumbnails it would write
 * @param wouldRefresh dry run: stale thumbnails it would rewrite
 * @param interrupted the run stopped before the end of the listing; running it again finishes
 * @param pruned      with {@code --prune}: renditions no longer configured that were deleted (dry
 *                    run: would be)
 */
// every field, empty ones too, so that a runbook's jq filter always finds it
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BackfillSummary(String bucket, String prefix, boolean dryRun, long scanned, long created,
                              long upToDate, Map<String, Long> skipped, long failed, List<Failure> failures,
                              long wouldCreate, long wouldRefresh, boolean interrupted, double seconds,
                              long pruned) {

    public BackfillSummary(String bucket, String prefix, boolean dryRun, long scanned, long created, long upToDate,
                           Map<String, Long> skipped, long failed, List<Failure> failures, long wouldCreate,
                           long wouldRefresh, boolean interrupted, double seconds) {
        this(bucket, prefix, dryRun, scanned, created, upToDate, skipped, failed, failures, wouldCreate, wouldRefresh,
                interrupted, seconds, 0);
    }

    public BackfillSummary withPruned(long newPruned) {
        return new BackfillSummary(bucket, prefix, dryRun, scanned, created, upToDate, skipped, failed, failures,
                wouldCreate, wouldRefresh, interrupted, seconds, newPruned);
    }

    @Serdeable
    public record Failure(String key, String reason, boolean retryable) {
    }

    /** Nothing failed, nothing left to do, and the whole listing was seen. */
    public boolean clean() {
        return failed == 0 && wouldCreate == 0 && wouldRefresh == 0 && !interrupted;
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
