package io.thumbctl.cli.job;

/**
 * Where a Batch Operations job's list of objects comes from.
 * <ul>
 * <li>{@link #CSV} (the default): thumbctl lists the bucket itself, keeps only the keys the key
 *     policy would process, and uploads that list as a CSV manifest. The job's task count is the
 *     work there is; thumbctl's listing takes time (about 1,000 keys per LIST call).</li>
 * <li>{@link #GENERATED}: S3's manifest generator lists the bucket when the job prepares, so
 *     thumbctl lists nothing and the size of the bucket does not matter on this side. Every key
 *     under the prefix becomes a task, thumbnails and non-images included; the function skips them,
 *     at the price of one invocation each.</li>
 * </ul>
 */
public enum ManifestMode {
    CSV("csv"),
    GENERATED("generated");

    private final String word;

    ManifestMode(String word) {
        this.word = word;
    }

    @Override
    public String toString() {
        return word;
    }
}
