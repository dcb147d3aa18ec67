package io.thumbctl.cli.local.jobs;

import io.thumbctl.cli.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.IdempotencyException;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobListDescriptor;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.JobStatus;
import software.amazon.awssdk.services.s3control.model.NotFoundException;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.ACCOUNT;
import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.FUNCTION;
import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local job API through the real SDK's S3ControlClient: what it answers, how its jobs run
 * (stand-in function), and the completion report it writes in AWS's layout.
 */
class JobApiTest {

    static LocalJobEndpoint local;

    @BeforeAll
    static void start() {
        local = LocalJobEndpoint.start();
        local.createBucket("photos");
        local.createBucket("reports");
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
    }

    static String manifest(String name, String content) {
        return local.put("photos", "manifests/" + name, content);
    }

    static CreateJobRequest csvJob(String manifestKey, String etag, Consumer<CreateJobRequest.Builder> more) {
        CreateJobRequest.Builder request = CreateJobRequest.builder()
                .accountId(ACCOUNT)
                .clientRequestToken(UUID.randomUUID().toString())
                .confirmationRequired(false)
                .priority(10)
                .roleArn(ROLE)
                .operation(op -> op.lambdaInvoke(l -> l.functionArn(FUNCTION).invocationSchemaVersion("2.0")))
                .report(r -> r.enabled(true).bucket("arn:aws:s3:::reports").prefix("batch")
                        .format(JobReportFormat.REPORT_CSV_20180820).reportScope(JobReportScope.ALL_TASKS))
                .manifest(m -> m.spec(s -> s.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820)
                                .fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY))
                        .location(l -> l.objectArn("arn:aws:s3:::photos/manifests/" + manifestKey).eTag(etag)));
        more.accept(request);
        return request.build();
    }

    static JobDescriptor awaitEnd(String jobId) {
        JobDescriptor[] last = new JobDescriptor[1];
        Await.until("job " + jobId + " to end", Duration.ofSeconds(60), () -> {
            last[0] = local.s3Control().describeJob(b -> b.accountId(ACCOUNT).jobId(jobId)).job();
            return List.of(JobStatus.COMPLETE, JobStatus.FAILED, JobStatus.SUSPENDED).contains(last[0].status());
        });
        return last[0];
    }

    @Test
    void csvJob_runsEveryTask_andDescribeJobShowsWhatWasAsked() {
        String etag = manifest("three.csv", "photos,a.jpg\nphotos,b%20c.jpg\nphotos,d.jpg\n");

        String jobId = local.s3Control().createJob(csvJob("three.csv", etag, r -> r.description("three"))).jobId();
        JobDescriptor job = awaitEnd(jobId);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
        assertThat(job.progressSummary().totalNumberOfTasks()).isEqualTo(3);
        assertThat(job.progressSummary().numberOfTasksSucceeded()).isEqualTo(3);
        assertThat(job.progressSummary().numberOfTasksFailed()).isZero();
        assertThat(job.progressSummary().timers().elapsedTimeInActiveSeconds()).isNotNull();
        assertThat(job.jobId()).isEqualTo(jobId);
        assertThat(job.jobArn()).isEqualTo("arn:aws:s3:us-east-1:" + ACCOUNT + ":job/" + jobId);
        assertThat(job.description()).isEqualTo("three");
        assertThat(job.priority()).isEqualTo(10);
        assertThat(job.roleArn()).isEqualTo(ROLE);
        assertThat(job.confirmationRequired()).isFalse();
        assertThat(job.operation().lambdaInvoke().functionArn()).isEqualTo(FUNCTION);
        assertThat(job.operation().lambdaInvoke().invocationSchemaVersion()).isEqualTo("2.0");
        assertThat(job.manifest().spec().fields()).containsExactly(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY);
        assertThat(job.manifest().location().eTag()).isEqualTo(etag);
        assertThat(job.report().bucket()).isEqualTo("arn:aws:s3:::reports");
        assertThat(job.report().reportScope()).isEqualTo(JobReportScope.ALL_TASKS);
        assertThat(job.creationTime()).isNotNull();
        assertThat(job.terminationDate()).isNotNull();
    }

    @Test
    void schema2Event_namesTheBucket_andPassesTheKeyAsTheManifestHasIt() {
        String etag = manifest("encoded.csv", "photos,a%20b%2Bc%25d%C3%A9.jpg\n");

        String jobId = local.s3Control().createJob(csvJob("encoded.csv", etag,
                r -> r.operation(op -> op.lambdaInvoke(l -> l.functionArn(FUNCTION).invocationSchemaVersion("2.0")
                        .userArguments(Map.of("reason", "backfill")))))).jobId();
        awaitEnd(jobId);

        ScriptedFunction.Invocation event = local.function().invocationsOf(jobId).get(0);
        assertThat(event.schema()).isEqualTo("2.0");
        assertThat(event.bucket()).isEqualTo("photos");
        assertThat(event.bucketArn()).isNull();
        assertThat(event.versionId()).isNull();
        assertThat(event.encodedKey()).isEqualTo("a%20b%2Bc%25d%C3%A9.jpg");
        assertThat(event.key()).isEqualTo("a b+c%dé.jpg");
        assertThat(event.userArguments()).containsEntry("reason", "backfill");
        assertThat(event.invocationId()).isNotBlank();
        assertThat(event.taskId()).isNotBlank();
    }

    @Test
    void schema1Event_givesTheBucketArn() {
        String etag = manifest("v1.csv", "photos,v1.jpg\n");

        String jobId = local.s3Control().createJob(csvJob("v1.csv", etag,
                r -> r.operation(op -> op.lambdaInvoke(l -> l.functionArn(FUNCTION))))).jobId();
        awaitEnd(jobId);

        ScriptedFunction.Invocation event = local.function().invocationsOf(jobId).get(0);
        assertThat(event.schema()).isEqualTo("1.0");
        assertThat(event.bucketArn()).isEqualTo("arn:aws:s3:::photos");
        assertThat(event.bucket()).isNull();
    }

    @Test
    void sameToken_sameRequest_givesTheSameJob() {
        String etag = manifest("once.csv", "photos,once.jpg\n");
        CreateJobRequest request = csvJob("once.csv", etag, r -> { });
        int before = local.jobCount(ACCOUNT);

        String first = local.s3Control().createJob(request).jobId();
        String second = local.s3Control().createJob(request).jobId();

        assertThat(second).isEqualTo(first);
        assertThat(local.jobCount(ACCOUNT)).isEqualTo(before + 1);
        awaitEnd(first);
        assertThat(local.function().invocationsOf(first)).hasSize(1);
    }

    @Test
    void sameToken_otherRequest_isRefusedAsS3Does() {
        String etag = manifest("token.csv", "photos,token.jpg\n");
        CreateJobRequest request = csvJob("token.csv", etag, r -> { });
        local.s3Control().createJob(request);

        assertThatThrownBy(() -> local.s3Control().createJob(request.toBuilder().priority(99).build()))
                .isInstanceOf(IdempotencyException.class)
                .hasMessageContaining(request.clientRequestToken());
    }

    @Test
    void unknownJob_andJobOfAnotherAccount_areNotFound() {
        String etag = manifest("mine.csv", "photos,mine.jpg\n");
        String jobId = local.s3Control().createJob(csvJob("mine.csv", etag, r -> { })).jobId();

        assertThatThrownBy(() -> local.s3Control().describeJob(b -> b.accountId(ACCOUNT).jobId("no-such-job")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> local.s3Control().describeJob(b -> b.accountId("999999999999").jobId(jobId)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void listJobs_filtersByStatus() {
        String etag = manifest("listed.csv", "photos,listed.jpg\n");
        String jobId = local.s3Control().createJob(csvJob("listed.csv", etag, r -> r.description("listed"))).jobId();
        awaitEnd(jobId);

        List<JobListDescriptor> complete = local.s3Control()
                .listJobs(b -> b.accountId(ACCOUNT).jobStatuses(JobStatus.COMPLETE)).jobs();
        List<JobListDescriptor> active = local.s3Control()
                .listJobs(b -> b.accountId(ACCOUNT).jobStatuses(JobStatus.ACTIVE, JobStatus.NEW)).jobs();

        assertThat(complete).extracting(JobListDescriptor::jobId).contains(jobId);
        JobListDescriptor listed = complete.stream().filter(j -> j.jobId().equals(jobId)).findFirst().orElseThrow();
        assertThat(listed.description()).isEqualTo("listed");
        assertThat(listed.operationAsString()).isEqualTo("LambdaInvoke");
        assertThat(listed.progressSummary().totalNumberOfTasks()).isEqualTo(1);
        assertThat(active).extracting(JobListDescriptor::jobId).doesNotContain(jobId);
    }

    @Test
    void listJobs_pagesWithNextToken() {
        for (int i = 0; i < 3; i++) {
            String etag = manifest("page" + i + ".csv", "photos,page" + i + ".jpg\n");
            local.s3Control().createJob(csvJob("page" + i + ".csv", etag, r -> { }));
        }

        var first = local.s3Control().listJobs(b -> b.accountId(ACCOUNT).maxResults(2));
        var second = local.s3Control().listJobs(b -> b.accountId(ACCOUNT).maxResults(2).nextToken(first.nextToken()));

        assertThat(first.jobs()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        assertThat(second.jobs()).extracting(JobListDescriptor::jobId)
                .doesNotContainAnyElementsOf(first.jobs().stream().map(JobListDescriptor::jobId).toList());
    }

    @Test
    void listJobs_tokenPastTheEnd_givesAnEmptyLastPage_evenNearTheIntLimit() {
        String etag = manifest("past.csv", "photos,past.jpg\n");
        local.s3Control().createJob(csvJob("past.csv", etag, r -> { }));

        for (String token : List.of("2147483647", "2147483000", "99999999999999999999999")) {
            var page = local.s3Control().listJobs(b -> b.accountId(ACCOUNT).nextToken(token));

            assertThat(page.jobs()).as(token).isEmpty();
            assertThat(page.nextToken()).as(token).isNull();
        }
    }

    @Test
    void manifestChangedSinceItsEtag_failsTheJob() {
        String etag = manifest("changed.csv", "photos,before.jpg\n");
        manifest("changed.csv", "photos,after.jpg\n");

        JobDescriptor job = awaitEnd(local.s3Control().createJob(csvJob("changed.csv", etag, r -> { })).jobId());

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failureReasons()).singleElement().satisfies(f -> {
            assertThat(f.failureCode()).isEqualTo("ManifestETagMismatch");
            assertThat(f.failureReason()).contains(etag);
        });
        assertThat(local.function().invocationsOf(job.jobId())).isEmpty();
    }

    @Test
    void missingManifest_failsTheJob() {
        JobDescriptor job = awaitEnd(local.s3Control().createJob(csvJob("missing.csv", "abc", r -> { })).jobId());

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failureReasons()).extracting(f -> f.failureCode()).containsExactly("ManifestNotFound");
    }

    @Test
    void temporaryFailures_areRedriven_untilTheyPassOrTheAttemptsRunOut() {
        String etag = manifest("flaky.csv", "photos,flaky.jpg\nphotos,stuck.jpg\nphotos,crash.jpg\n");

        JobDescriptor job = awaitEnd(local.s3Control().createJob(csvJob("flaky.csv", etag, r -> { })).jobId());

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
        assertThat(job.progressSummary().numberOfTasksSucceeded()).isEqualTo(1);
        assertThat(job.progressSummary().numberOfTasksFailed()).isEqualTo(2);
        assertThat(local.function().attempts("flaky.jpg")).isEqualTo(3);
        assertThat(local.function().attempts("stuck.jpg")).isEqualTo(3);
        assertThat(local.function().attempts("crash.jpg")).isEqualTo(3);
    }

    @Test
    void permanentFailure_isNotRedriven() {
        String etag = manifest("corrupt.csv", "photos,corrupt-once.jpg\n");

        JobDescriptor job = awaitEnd(local.s3Control().createJob(csvJob("corrupt.csv", etag, r -> { })).jobId());

        assertThat(job.progressSummary().numberOfTasksFailed()).isEqualTo(1);
        assertThat(local.function().attempts("corrupt-once.jpg")).isEqualTo(1);
    }

    @Test
    void confirmationRequired_leavesTheJobSuspended() {
        String etag = manifest("confirm.csv", "photos,confirm.jpg\n");

        JobDescriptor job = awaitEnd(local.s3Control().createJob(csvJob("confirm.csv", etag,
                r -> r.confirmationRequired(true))).jobId());

        assertThat(job.status()).isEqualTo(JobStatus.SUSPENDED);
        assertThat(job.progressSummary().totalNumberOfTasks()).isEqualTo(1);
        assertThat(local.function().invocationsOf(job.jobId())).isEmpty();
    }

    @Test
    void manifestAndGeneratorAtOnce_isABadRequest() {
        String etag = manifest("both.csv", "photos,both.jpg\n");

        assertThatThrownBy(() -> local.s3Control().createJob(csvJob("both.csv", etag, r -> r.manifestGenerator(g ->
                g.s3JobManifestGenerator(s -> s.sourceBucket("arn:aws:s3:::photos").enableManifestOutput(false))))))
                .isInstanceOfSatisfying(S3ControlException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("either Manifest or ManifestGenerator");
                });
    }

    @Test
    void otherOperations_areNotImplemented() {
        assertThatThrownBy(() -> local.s3Control().createJob(csvJob("x.csv", "x", r -> r.operation(op ->
                op.s3PutObjectTagging(t -> t.tagSet(List.of()))))))
                .isInstanceOfSatisfying(S3ControlException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("LambdaInvoke");
                });
        assertThatThrownBy(() -> local.s3Control().getPublicAccessBlock(b -> b.accountId(ACCOUNT)))
                .isInstanceOfSatisfying(S3ControlException.class, e -> assertThat(e.statusCode()).isEqualTo(501));
    }

    @Test
    void completionReport_isWrittenInAwsLayout() throws Exception {
        String etag = manifest("report.csv", "photos,fine.jpg\nphotos,corrupt%20one.jpg\n");

        String jobId = local.s3Control().createJob(csvJob("report.csv", etag, r -> { })).jobId();
        awaitEnd(jobId);

        String folder = "batch/job-" + jobId;
        Map<String, Object> manifest = ObjectMapper.getDefault().readValue(local.get("reports", folder + "/manifest.json"),
                Argument.mapOf(String.class, Object.class));
        assertThat(manifest).containsEntry("Format", "Report_CSV_20180820")
                .containsEntry("ReportSchema", "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage")
                .containsKey("ReportCreationDate");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) manifest.get("Results");
        assertThat(results).extracting(r -> r.get("TaskExecutionStatus")).containsExactly("succeeded", "failed");
        for (Map<String, Object> result : results) {
            assertThat(result.get("Bucket")).isEqualTo("reports");
            assertThat((String) result.get("Key")).matches(folder + "/results/[0-9a-f]{40}\\.csv");
            String csv = local.get("reports", (String) result.get("Key"));
            assertThat(result.get("MD5Checksum")).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("MD5").digest(csv.getBytes(StandardCharsets.UTF_8))));
            if ("failed".equals(result.get("TaskExecutionStatus"))) {
                assertThat(csv).isEqualTo("photos,corrupt%20one.jpg,,failed,200,PermanentFailure,"
                        + "\"corrupt: not a decodable image\"\n");
            } else {
                assertThat(csv).isEqualTo("photos,fine.jpg,,succeeded,200,,\"created\"\n");
            }
        }
    }

    @Test
    void jobStartAndEnd_areToldInOneLineEach() {
        String etag = manifest("told.csv", "photos,told.jpg\nphotos,corrupt-told.jpg\n");
        String jobId = local.s3Control().createJob(csvJob("told.csv", etag, r -> { })).jobId();
        awaitEnd(jobId);
        String missing = local.s3Control().createJob(csvJob("not-there.csv", "x", r -> { })).jobId();
        awaitEnd(missing);

        assertThat(local.jobLog()).contains(
                "job-active  " + jobId + ": 2 tasks, " + FUNCTION + " (schema 2.0)",
                "job-complete " + jobId + ": 1 succeeded, 1 failed, report s3://reports/batch/job-" + jobId
                        + "/manifest.json",
                "job-failed  " + missing + ": ManifestNotFound: no manifest at s3://photos/manifests/not-there.csv");
    }

    @Test
    void failedTasksOnlyReport_listsNoSucceededFile() throws Exception {
        String etag = manifest("failed-only.csv", "photos,fine2.jpg\nphotos,corrupt2.jpg\n");

        String jobId = local.s3Control().createJob(csvJob("failed-only.csv", etag, r -> r.report(rep -> rep
                .enabled(true).bucket("arn:aws:s3:::reports").format(JobReportFormat.REPORT_CSV_20180820)
                .reportScope(JobReportScope.FAILED_TASKS_ONLY)))).jobId();
        awaitEnd(jobId);

        Map<String, Object> manifest = ObjectMapper.getDefault().readValue(
                local.get("reports", "job-" + jobId + "/manifest.json"), Argument.mapOf(String.class, Object.class));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) manifest.get("Results");
        assertThat(results).extracting(r -> r.get("TaskExecutionStatus")).containsExactly("failed");
    }

    @Test
    void noTaskRun_noReport() {
        String etag = manifest("empty.csv", "\n");

        String jobId = local.s3Control().createJob(csvJob("empty.csv", etag, r -> { })).jobId();
        JobDescriptor job = awaitEnd(jobId);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
        assertThat(job.progressSummary().totalNumberOfTasks()).isZero();
        assertThat(local.s3().listObjectsV2(b -> b.bucket("reports").prefix("batch/job-" + jobId)).contents()).isEmpty();
    }

    @Test
    void generator_listsTheBucketUnderThePrefix_andWritesItsManifestOutput() {
        local.createBucket("camera");
        for (String key : List.of("cam/one.jpg", "cam/two words.jpg", "cam/thumbnails/one.jpg", "other/x.jpg")) {
            local.put("camera", key, "bytes");
        }

        String jobId = local.s3Control().createJob(b -> b.accountId(ACCOUNT).clientRequestToken(UUID.randomUUID().toString())
                .confirmationRequired(false).priority(5).roleArn(ROLE)
                .operation(op -> op.lambdaInvoke(l -> l.functionArn(FUNCTION).invocationSchemaVersion("2.0")))
                .report(r -> r.enabled(false))
                .manifestGenerator(g -> g.s3JobManifestGenerator(gen -> gen.sourceBucket("arn:aws:s3:::camera")
                        .enableManifestOutput(true).expectedBucketOwner(ACCOUNT)
                        .manifestOutputLocation(o -> o.bucket("arn:aws:s3:::reports").manifestPrefix("generated")
                                .manifestFormat("S3InventoryReport_CSV_20211130"))
                        .filter(f -> f.keyNameConstraint(k -> k.matchAnyPrefix("cam/")))))).jobId();
        JobDescriptor job = awaitEnd(jobId);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
        assertThat(job.progressSummary().totalNumberOfTasks()).isEqualTo(3);
        assertThat(local.function().invocationsOf(jobId)).extracting(ScriptedFunction.Invocation::key)
                .containsExactlyInAnyOrder("cam/one.jpg", "cam/two words.jpg", "cam/thumbnails/one.jpg");
        assertThat(local.get("reports", "generated/job-" + jobId + "/manifest.csv")).contains("camera,cam/two%20words.jpg,\n");
        assertThat(job.manifestGenerator().s3JobManifestGenerator().filter().keyNameConstraint().matchAnyPrefix())
                .containsExactly("cam/");
    }

    @Test
    void moreThanHalfOfAThousandTasksFailing_failsTheJob() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            rows.append("photos,corrupt-").append(i).append(".jpg\n");
        }
        String etag = manifest("doomed.csv", rows.toString());

        JobDescriptor job = awaitEnd(local.s3Control().createJob(csvJob("doomed.csv", etag, r -> { })).jobId());

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failureReasons()).extracting(f -> f.failureCode()).containsExactly("TaskFailureRateExceeded");
        assertThat(job.progressSummary().totalNumberOfTasks()).isEqualTo(1500);
        assertThat(job.progressSummary().numberOfTasksFailed()).isBetween(1000L, 1499L);
    }

    @Test
    void s3RequestsStillReachS3() {
        local.put("photos", "plain.txt", "hello");

        assertThat(local.get("photos", "plain.txt")).isEqualTo("hello");
        assertThat(local.s3().listObjectsV2(b -> b.bucket("photos").prefix("plain")).contents()).hasSize(1);
    }
}
