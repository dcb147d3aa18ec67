package io.thumbctl.cli.job;

import io.thumbctl.cli.ExitCodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JobSummaryTest {

    @ParameterizedTest
    @CsvSource({
            "Complete, 0, 0",
            "Complete, 3, 1",
            "Active, 0, 0",
            "Active, 2, 1",
            "Failed, 0, 3",
            "Failing, 0, 3",
            "Cancelled, 0, 3",
            "Suspended, 0, 3"})
    void exitCode_followsTheJobAndItsFailedTasks(String status, long failed, int exit) {
        JobSummary summary = JobSummary.of(new JobProgress("job-1", status, 10, 10 - failed, failed, 5L, List.of(), null),
                null);

        assertThat(summary.exitCode()).isEqualTo(exit);
    }

    @ParameterizedTest
    @CsvSource({"59, 59 s", "61, 1m01s", "3700, 1h01m"})
    void text_showsActiveTimeReadably(long seconds, String shown) {
        JobSummary summary = JobSummary.of(new JobProgress("job-1", "Active", 1, 0, 0, seconds, List.of(), null), null);

        assertThat(JobPrinter.text(summary)).contains("job job-1: Active (" + shown + " active)");
        assertThat(summary.exitCode()).isEqualTo(ExitCodes.OK);
    }
}
