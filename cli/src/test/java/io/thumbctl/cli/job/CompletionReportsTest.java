package io.thumbctl.cli.job;

import io.micronaut.serde.ObjectMapper;
import io.thumbctl.cli.local.jobs.LocalJobEndpoint;
import io.thumbctl.cli.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3control.model.JobStatus;

import java.time.Duration;
import java.util.List;

import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.ACCOUNT;
import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.FUNCTION;
import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading completion reports: one a job wrote, and AWS's own documented example. */
class CompletionReportsTest {

    static LocalJobEndpoint local;
    static CompletionReports reports;

    @BeforeAll
    static void start() {
        local = LocalJobEndpoint.start();
        local.createBucket("photos");
        reports = new CompletionReports(() -> local.s3(), ObjectMapper.getDefault());
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
    }

    @Test
    void reportOfARealJob_givesItsFailedTasks_decoded() {
        StringBuilder manifest = new StringBuilder("photos,fine.jpg\n");
        for (int i = 0; i < 12; i++) {
            manifest.append("photos,corrupt%20").append(i).append(".jpg\n");
        }
        String etag = local.put("photos", "m.csv", manifest.toString());
        String jobId = local.s3Control().createJob(b -> b.accountId(ACCOUNT).clientRequestToken("t-real")
                .confirmationRequired(false).priority(1).roleArn(ROLE)
                .operation(op -> op.lambdaInvoke(l -> l.functionArn(FUNCTION).invocationSchemaVersion("2.0")))
                .report(r -> r.enabled(true).bucket("arn:aws:s3:::photos").prefix("reports")
                        .format("Report_CSV_20180820").reportScope("AllTasks"))
                .manifest(m -> m.spec(s -> s.format("S3BatchOperations_CSV_20180820").fieldsWithStrings("Bucket", "Key"))
                        .location(l -> l.objectArn("arn:aws:s3:::photos/m.csv").eTag(etag)))).jobId();
        Await.until("the job to end", Duration.ofSeconds(60), () -> local.s3Control()
                .describeJob(b -> b.accountId(ACCOUNT).jobId(jobId)).job().status() == JobStatus.COMPLETE);

        CompletionReports.Summary summary = reports.read(new S3Location("photos", "reports"), jobId, 10);

        assertThat(summary.problem()).isNull();
        assertThat(summary.location()).isEqualTo("s3://photos/reports/job-" + jobId + "/manifest.json");
        assertThat(summary.failures()).hasSize(10).allSatisfy(f -> {
            assertThat(f.key()).matches("corrupt \\d+\\.jpg");
            assertThat(f.code()).isEqualTo("PermanentFailure");
            assertThat(f.message()).isEqualTo("corrupt: not a decodable image");
        });
    }

    @Test
    void awsExampleReport_isRead_quotesAndAll() {
        String folder = "aws/job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955";
        local.put("photos", folder + "/results/6217b0fab0de85c408b4be96aeaca9b195a7daa5.csv",
                "awsexamplebucket1,image_17775,,succeeded,200,,\"{u'CopySourceVersionId': 'x'}\"\n");
        local.put("photos", folder + "/results/b2ddad417e94331e9f37b44f1faf8c7ed5873f2e.csv",
                "awsexamplebucket1,image_14975,,failed,200,PermanentFailure,\"Lambda returned function error: "
                        + "{\"\"errorMessage\"\":\"\"2019-04-05T17:35:21.155Z 2845ca0d Task timed out after 3.00 seconds\"\"}\"\n"
                        + "awsexamplebucket1,image_15897,,failed,200,PermanentFailure,\"two\nlines\"\n");
        local.put("photos", folder + "/manifest.json", "{\"Format\":\"Report_CSV_20180820\","
                + "\"ReportCreationDate\":\"2019-04-05T17:48:39.725Z\",\"Results\":["
                + "{\"TaskExecutionStatus\":\"succeeded\",\"Bucket\":\"photos\",\"MD5Checksum\":\"83b1\","
                + "\"Key\":\"" + folder + "/results/6217b0fab0de85c408b4be96aeaca9b195a7daa5.csv\"},"
                + "{\"TaskExecutionStatus\":\"failed\",\"Bucket\":\"photos\",\"MD5Checksum\":\"22ee\","
                + "\"Key\":\"" + folder + "/results/b2ddad417e94331e9f37b44f1faf8c7ed5873f2e.csv\"}],"
                + "\"ReportSchema\":\"Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage\"}");

        CompletionReports.Summary summary = reports.read(new S3Location("photos", "aws"),
                "f8fb9d89-a3aa-461d-bddc-ea6a1b131955", 10);

        assertThat(summary.failures()).containsExactly(
                new CompletionReports.FailedTask("image_14975", "PermanentFailure", "Lambda returned function error: "
                        + "{\"errorMessage\":\"2019-04-05T17:35:21.155Z 2845ca0d Task timed out after 3.00 seconds\"}"),
                new CompletionReports.FailedTask("image_15897", "PermanentFailure", "two\nlines"));
    }

    @Test
    void missingReport_saysSo_insteadOfFailing() {
        CompletionReports.Summary summary = reports.read(new S3Location("photos", "nowhere"), "job-x", 10);

        assertThat(summary.failures()).isEmpty();
        assertThat(summary.problem()).contains("no report there");
    }

    @Test
    void headerNamedColumnOrder_isReadToo() {
        assertThat(CompletionReports.failedTask(List.of("b", "k%20k", "", "failed", "PermanentFailure", "200", "why")))
                .isEqualTo(new CompletionReports.FailedTask("k k", "PermanentFailure", "why"));
    }
}
