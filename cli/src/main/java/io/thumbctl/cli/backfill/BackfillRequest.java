package io.thumbctl.cli.backfill;

/**
 * @param concurrency objects worked on at once (S3 round trips dominate, so more threads than
 *                    cores pays off)
 * @param dryRun      decide and report, write nothing
 */
public record BackfillRequest(String bucket, String prefix, int concurrency, boolean dryRun) {

    public BackfillRequest {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
    }
}
