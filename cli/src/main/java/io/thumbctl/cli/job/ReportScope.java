package io.thumbctl.cli.job;

import software.amazon.awssdk.services.s3control.model.JobReportScope;

/**
 * What the completion report lists. {@link #FAILED} is the default: on a bucket of 10^8 objects a
 * report of every task is as large as the bucket's listing and tells the on-call engineer nothing
 * the task counts do not; the failed tasks are what needs a look.
 */
public enum ReportScope {
    FAILED("failed", JobReportScope.FAILED_TASKS_ONLY),
    ALL("all", JobReportScope.ALL_TASKS);

    private final String word;
    private final JobReportScope aws;

    ReportScope(String word, JobReportScope aws) {
        this.word = word;
        this.aws = aws;
    }

    public JobReportScope aws() {
        return aws;
    }

    @Override
    public String toString() {
        return word;
    }
}
