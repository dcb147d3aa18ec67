package io.thumbctl.cli.job;

/** Who does a backfill's work: this machine, or S3 Batch Operations invoking the function. */
public enum Engine {
    LOCAL("local"),
    BATCH_OPERATIONS("batch-operations");

    private final String word;

    Engine(String word) {
        this.word = word;
    }

    @Override
    public String toString() {
        return word;
    }
}
