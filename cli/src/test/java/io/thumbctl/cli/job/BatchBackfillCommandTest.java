package io.thumbctl.cli.job;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.local.jobs.LocalJobEndpoint;
import io.thumbctl.cli.local.jobs.LocalJobs;
import io.thumbctl.cli.testing.Thumbctl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.ACCOUNT;
import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.FUNCTION;
import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code thumbctl backfill --engine batch-operations} and {@code thumbctl job} as a user runs them,
 * against an endpoint that answers S3 and S3 Control's job API (the job API of {@code thumbctl
 * local}, with a stand-in function) and, for {@code --stack}, a stand-in of CloudFormation's
 * DescribeStacks.
 */
class BatchBackfillCommandTest {

    static final String STACK_FUNCTION = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:thumbctl-Function:live";
    static final String STACK_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/thumbctl-BatchOperationsRole";

    static CloudFormationStandIn cloudFormation = new CloudFormationStandIn(Map.of(
            "thumbctl", Map.of(StackOutputs.FUNCTION_ALIAS_ARN, STACK_FUNCTION, StackOutputs.ROLE_ARN, STACK_ROLE,
                    StackOutputs.REPORT_URI, "s3://reports/thumbctl-batch-operations/"),
            "old", Map.of(StackOutputs.FUNCTION_ALIAS_ARN, STACK_FUNCTION)));
    static LocalJobEndpoint local;

    @BeforeAll
    static void start() {
        local = LocalJobEndpoint.start(new LocalJobs.Settings(4, 3, Duration.ZERO), Map.of("", cloudFormation));
        local.createBucket("photos");
        local.createBucket("reports");
        for (String key : List.of("a b.jpg", "a+b.jpg", "100%.jpg", "é/ü.png", "photo.JPG", "folder/",
                "notes.txt", "thumbnails/a b.jpg", "thumbnails/photo.JPG")) {
            local.put("photos", key, "image bytes");
        }
        local.createBucket("mixed");
        for (String key : List.of("fine.jpg", "corrupt.jpg", "also-corrupt.png", "flaky.jpg")) {
            local.put("mixed", key, "image bytes");
        }
        local.createBucket("good");
        local.put("good", "one.jpg", "image bytes");
        local.put("good", "two.jpg", "image bytes");
        local.createBucket("textonly");
        local.put("textonly", "readme.txt", "text");
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
    }

    static Thumbctl.Run thumbctl(String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint-url", local.endpoint().toString(), "--region", "us-east-1"));
        all.addAll(List.of(args));
        return Thumbctl.run(all.toArray(String[]::new));
    }

    static Thumbctl.Run batch(String bucket, String... more) {
        List<String> args = new ArrayList<>(List.of("backfill", "--bucket", bucket, "--engine", "batch-operations",
                "--function-arn", FUNCTION, "--role-arn", ROLE, "--poll-interval", "0.05"));
        args.addAll(List.of(more));
        return thumbctl(args.toArray(String[]::new));
    }

    static String jobId(Thumbctl.Run run) {
        Matcher m = Pattern.compile("created job (\\S+)").matcher(run.out() + run.err());
        assertThat(m.find()).as("a job id in:\n" + run.out() + run.err()).isTrue();
        return m.group(1);
    }

    @Test
    void csvManifest_createJobCarriesEverythingTheJobNeeds() {
        Thumbctl.Run run = batch("photos");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        LocalJobEndpoint.Received job = local.received(ACCOUNT, jobId(run)).orElseThrow();
        assertThat(job.account()).isEqualTo(ACCOUNT);
        assertThat(job.functionArn()).isEqualTo(FUNCTION);
        assertThat(job.schema()).isEqualTo("2.0");
        assertThat(job.roleArn()).isEqualTo(ROLE);
        assertThat(job.priority()).isEqualTo(10);
        assertThat(job.confirmationRequired()).isFalse();
        assertThat(job.description()).isEqualTo("thumbctl backfill of s3://photos/ (csv manifest)");
        assertThat(job.token()).matches("thumbctl-[0-9a-f]{40}");
        assertThat(job.reportEnabled()).isTrue();
        assertThat(job.reportBucketArn()).isEqualTo("arn:aws:s3:::photos");
        assertThat(job.reportPrefix()).isEqualTo("thumbctl-batch-operations/reports");
        assertThat(job.reportFormat()).isEqualTo("Report_CSV_20180820");
        assertThat(job.reportScope()).isEqualTo("FailedTasksOnly");
        assertThat(job.manifestFormat()).isEqualTo("S3BatchOperations_CSV_20180820");
        assertThat(job.manifestFields()).containsExactly("Bucket", "Key");
        assertThat(job.manifestObjectArn()).matches("arn:aws:s3:::photos/thumbctl-batch-operations/manifests/photos-[0-9a-f]{20}\\.csv");
        assertThat(job.generatorSource()).isNull();
        String manifestKey = job.manifestObjectArn().substring("arn:aws:s3:::photos/".length());
        assertThat(job.manifestEtag()).isEqualTo(local.s3().headObject(b -> b.bucket("photos").key(manifestKey)).eTag()
                .replace("\"", ""));
        assertThat(run.out()).contains("follow it      thumbctl job " + jobId(run) + " --account-id " + ACCOUNT + " --wait");
    }

    @Test
    void csvManifest_holdsTheKeysThePolicyWouldProcess_urlEncoded() {
        Thumbctl.Run run = batch("photos");

        LocalJobEndpoint.Received job = local.received(ACCOUNT, jobId(run)).orElseThrow();
        String manifestKey = job.manifestObjectArn().substring("arn:aws:s3:::photos/".length());
        // S3's listing order; thumbnails, the folder marker and the text file are left out.
        assertThat(local.get("photos", manifestKey)).isEqualTo(String.join("\n",
                "photos,100%25.jpg",
                "photos,a%20b.jpg",
                "photos,a%2Bb.jpg",
                "photos,photo.JPG",
                "photos,%C3%A9/%C3%BC.png") + "\n");
        // Other tests leave manifests and reports in the bucket: listed, not in the manifest.
        assertThat(run.out()).containsPattern("\\(5 of \\d+ keys listed\\)");
    }

    @Test
    void generatedManifest_asksS3ToListThePrefix() {
        Thumbctl.Run run = batch("photos", "--manifest", "generated", "--prefix", "é/", "--priority", "42",
                "--report-scope", "all");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        LocalJobEndpoint.Received job = local.received(ACCOUNT, jobId(run)).orElseThrow();
        assertThat(job.manifestObjectArn()).isNull();
        assertThat(job.generatorSource()).isEqualTo("arn:aws:s3:::photos");
        assertThat(job.generatorOwner()).isEqualTo(ACCOUNT);
        assertThat(job.generatorPrefix()).isEqualTo("é/");
        assertThat(job.generatorOutput()).isTrue();
        assertThat(job.generatorOutputBucket()).isEqualTo("arn:aws:s3:::photos");
        assertThat(job.generatorOutputPrefix()).isEqualTo("thumbctl-batch-operations/manifests");
        assertThat(job.generatorOutputFormat()).isEqualTo("S3InventoryReport_CSV_20211130");
        assertThat(job.priority()).isEqualTo(42);
        assertThat(job.reportScope()).isEqualTo("AllTasks");
        assertThat(job.description()).isEqualTo("thumbctl backfill of s3://photos/é/ (generated manifest)");
    }

    @Test
    void sameBackfillAgain_getsTheSameJob_notASecondOne() {
        Thumbctl.Run first = batch("good", "--report-to", "s3://reports/again");
        int jobs = local.jobCount(ACCOUNT);

        Thumbctl.Run second = batch("good", "--report-to", "s3://reports/again");

        assertThat(second.exit()).as(second.err()).isEqualTo(ExitCodes.OK);
        assertThat(jobId(second)).isEqualTo(jobId(first));
        assertThat(local.jobCount(ACCOUNT)).isEqualTo(jobs);
    }

    @Test
    void reportTo_putsReportAndManifestInThatBucket() {
        Thumbctl.Run run = batch("good", "--report-to", "s3://reports/ops/thumbnails/reports");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        LocalJobEndpoint.Received job = local.received(ACCOUNT, jobId(run)).orElseThrow();
        assertThat(job.reportBucketArn()).isEqualTo("arn:aws:s3:::reports");
        assertThat(job.reportPrefix()).isEqualTo("ops/thumbnails/reports");
        assertThat(job.manifestObjectArn()).startsWith("arn:aws:s3:::reports/ops/thumbnails/manifests/good-");
    }

    @Test
    void withATargetBucket_reportAndManifestGoThere_asTheTemplateHasIt() {
        Thumbctl.Run run = batch("good", "--target-bucket", "reports");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        LocalJobEndpoint.Received job = local.received(ACCOUNT, jobId(run)).orElseThrow();
        assertThat(job.reportBucketArn()).isEqualTo("arn:aws:s3:::reports");
        assertThat(job.reportPrefix()).isEqualTo("thumbctl-batch-operations/reports");
        assertThat(job.manifestObjectArn()).startsWith("arn:aws:s3:::reports/thumbctl-batch-operations/manifests/good-");
    }

    @Test
    void wait_allSucceeded_exits0WithTheCounts() {
        Thumbctl.Run run = batch("good", "--wait", "--report-to", "s3://reports/good");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(": Complete", "tasks          2", "succeeded      2", "failed         0");
    }

    @Test
    void wait_someTasksFailed_exits1AndShowsThemFromTheReport() {
        Thumbctl.Run run = batch("mixed", "--wait");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.PROBLEMS);
        String jobId = jobId(run);
        assertThat(run.out()).contains("tasks          4", "succeeded      2", "failed         2",
                "also-corrupt.png\tPermanentFailure: corrupt: not a decodable image",
                "corrupt.jpg\tPermanentFailure: corrupt: not a decodable image",
                "report         s3://mixed/thumbctl-batch-operations/reports/job-" + jobId + "/manifest.json");
    }

    @Test
    void wait_jobFailed_exits3WithTheReason() {
        Thumbctl.Run run = batch("no-such-bucket", "--manifest", "generated", "--report-to", "s3://reports/failed",
                "--wait");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.out()).contains(": Failed", "job failure    SourceBucketNotFound");
    }

    @Test
    void jsonOutput_isOneDocumentWithJobIdStatusAndTasks() {
        Thumbctl.Run run = batch("mixed", "--wait", "--output", "json", "--report-to", "s3://reports/json");

        assertThat(run.exit()).isEqualTo(ExitCodes.PROBLEMS);
        Map<String, Object> doc = run.json();
        assertThat(doc).containsEntry("status", "Complete").containsKey("jobId");
        assertThat(doc.get("tasks")).isEqualTo(Map.of("total", 4, "succeeded", 2, "failed", 2));
        assertThat((List<?>) doc.get("failures")).hasSize(2);
        assertThat(run.err()).contains("created job " + doc.get("jobId"));
    }

    @Test
    void nothingToProcess_createsNoJob() {
        int jobs = local.jobCount(ACCOUNT);

        Thumbctl.Run run = batch("textonly");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("nothing to do");
        assertThat(local.jobCount(ACCOUNT)).isEqualTo(jobs);
    }

    @Test
    void jobCommand_showsAJob_andWaitsForIt() {
        String jobId = jobId(batch("mixed", "--report-to", "s3://reports/jobcommand"));

        Thumbctl.Run waited = thumbctl("job", jobId, "--account-id", ACCOUNT, "--wait", "--poll-interval", "0.05");
        Thumbctl.Run again = thumbctl("job", jobId, "--account-id", ACCOUNT, "--output", "json");

        assertThat(waited.exit()).as(waited.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(waited.out()).contains("job " + jobId + ": Complete", "failed         2", "corrupt.jpg");
        assertThat(again.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(again.json()).containsEntry("jobId", jobId).containsEntry("status", "Complete");
    }

    @Test
    void jobCommand_takesTheGlobalOptionsAfterItsName_andItsHelpListsThem() {
        String jobId = jobId(batch("good", "--report-to", "s3://reports/after"));

        Thumbctl.Run run = Thumbctl.run("job", jobId, "--account-id", ACCOUNT, "--endpoint-url",
                local.endpoint().toString(), "--region", "us-east-1", "--output", "json");
        Thumbctl.Run help = Thumbctl.run("--endpoint-url", "http://127.0.0.1:1", "job", "--help");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.json()).containsEntry("jobId", jobId);
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: thumbctl job", "--endpoint-url=URL", "--profile=NAME",
                "--output=text|json", "--poll-interval=SECONDS", "Exit codes:", "1   some tasks failed");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void jobCommand_unknownJob_exits3InOneLine() {
        Thumbctl.Run run = thumbctl("job", "no-such-job", "--account-id", ACCOUNT);

        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err().strip()).startsWith("thumbctl: no job no-such-job in account " + ACCOUNT).doesNotContain("\n");
    }

    @Test
    void jobCommand_noAnswer_exits3InOneLineNamingTheCall() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Thumbctl.Run run = Thumbctl.run("--endpoint-url", "http://127.0.0.1:" + closedPort, "--region", "us-east-1",
                "job", "some-job", "--account-id", ACCOUNT);

        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err().strip()).startsWith("thumbctl: S3 Control DescribeJob some-job failed: ")
                .doesNotContain("\n");
    }

    @Test
    void jobCommand_noCredentialsAnywhere_exits3WithTheSameShortLineAsForS3() {
        Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "this machine has credentials");

        Thumbctl.Run run = Thumbctl.runWithoutCredentials(Map.of(), "--endpoint-url", local.endpoint().toString(),
                "--region", "us-east-1", "job", "some-job", "--account-id", ACCOUNT);

        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).hasLineCount(1)
                .startsWith("thumbctl: S3 Control DescribeJob some-job: no AWS credentials found")
                .doesNotContain("ProviderChain");
    }

    @Test
    void jobCommand_withoutAccount_andNoStsThere_asksForOne() {
        Thumbctl.Run run = thumbctl("job", "some-job");

        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("cannot tell which account the job is in", "give --account-id");
    }

    @Test
    void stack_suppliesFunctionRoleAndReportLocation() {
        Thumbctl.Run run = thumbctl("backfill", "--bucket", "good", "--engine", "batch-operations", "--stack", "thumbctl",
                "--wait", "--poll-interval", "0.05");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(cloudFormation.asked()).contains("DescribeStacks thumbctl");
        LocalJobEndpoint.Received job = local.received(ACCOUNT, jobId(run)).orElseThrow();
        assertThat(job.functionArn()).isEqualTo(STACK_FUNCTION);
        assertThat(job.roleArn()).isEqualTo(STACK_ROLE);
        assertThat(job.reportBucketArn()).isEqualTo("arn:aws:s3:::reports");
        assertThat(job.reportPrefix()).isEqualTo("thumbctl-batch-operations/reports");
        assertThat(job.manifestObjectArn()).startsWith("arn:aws:s3:::reports/thumbctl-batch-operations/manifests/good-");
    }

    @Test
    void stack_flagsWinOverOutputs() {
        Thumbctl.Run run = thumbctl("backfill", "--bucket", "good", "--engine", "batch-operations", "--stack", "thumbctl",
                "--function-arn", FUNCTION);

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        LocalJobEndpoint.Received job = local.received(ACCOUNT, jobId(run)).orElseThrow();
        assertThat(job.functionArn()).isEqualTo(FUNCTION);
        assertThat(job.roleArn()).isEqualTo(STACK_ROLE);
    }

    @Test
    void stack_missing_orWithoutAnOutput_isRefusedInOneLine() {
        Thumbctl.Run missing = thumbctl("backfill", "--bucket", "good", "--engine", "batch-operations", "--stack", "nope");
        Thumbctl.Run old = thumbctl("backfill", "--bucket", "good", "--engine", "batch-operations", "--stack", "old");

        assertThat(missing.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(missing.err().strip()).isEqualTo("thumbctl: stack nope does not exist in us-east-1 (check --region and --profile)");
        assertThat(old.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(old.err().strip()).startsWith("thumbctl: stack old has no output BatchOperationsRoleArn").doesNotContain("\n");
    }

    @Test
    void usageErrors_exit2() {
        Thumbctl.Run noTarget = thumbctl("backfill", "--bucket", "good", "--engine", "batch-operations");
        Thumbctl.Run dryRun = batch("good", "--dry-run");
        Thumbctl.Run localWithArn = thumbctl("backfill", "--bucket", "good", "--function-arn", FUNCTION);
        Thumbctl.Run badRole = thumbctl("backfill", "--bucket", "good", "--engine", "batch-operations",
                "--function-arn", FUNCTION, "--role-arn", "thumbctl-role");
        Thumbctl.Run badReport = batch("good", "--report-to", "reports/x");
        Thumbctl.Run badEngine = thumbctl("backfill", "--bucket", "good", "--engine", "lambda");

        assertThat(noTarget.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noTarget.err()).contains("--stack NAME, or --function-arn ARN and --role-arn ARN");
        assertThat(dryRun.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(dryRun.err()).contains("--dry-run applies to --engine local only");
        assertThat(localWithArn.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(localWithArn.err()).contains("--function-arn applies to --engine batch-operations only");
        assertThat(badRole.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badRole.err()).contains("--role-arn 'thumbctl-role' is not an IAM role ARN");
        assertThat(badReport.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badReport.err()).contains("is not an S3 location");
        assertThat(badEngine.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badEngine.err()).contains("expected one of local, batch-operations");
    }

    @Test
    void createJobDenied_exits3NamingTheAction() {
        try (StandInEndpoint aws = new StandInEndpoint(200, 403, "AccessDenied", "User: arn:aws:iam::" + ACCOUNT
                + ":user/oncall is not authorized to perform: s3:CreateJob on resource: \"arn:aws:s3:us-east-1:"
                + ACCOUNT + ":job/*\"")) {
            Thumbctl.Run run = refusedRun(aws);

            assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.err().strip()).startsWith("thumbctl: s3:CreateJob denied in account " + ACCOUNT)
                    .doesNotContain("\n");
            assertThat(aws.requests()).contains("POST /v20180820/jobs");
        }
    }

    @Test
    void passRoleDenied_exits3NamingTheRole() {
        try (StandInEndpoint aws = new StandInEndpoint(200, 403, "AccessDenied", "User: arn:aws:iam::" + ACCOUNT
                + ":user/oncall is not authorized to perform: iam:PassRole on resource: " + ROLE)) {
            Thumbctl.Run run = refusedRun(aws);

            assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.err().strip()).startsWith("thumbctl: iam:PassRole denied: you may not hand role " + ROLE)
                    .doesNotContain("\n");
        }
    }

    @Test
    void reportBucketOfAnotherAccount_isRefusedBeforeAnyJob() {
        try (StandInEndpoint aws = new StandInEndpoint(403, 200, "-", "-")) {
            Thumbctl.Run run = refusedRun(aws);

            assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.err().strip()).startsWith("thumbctl: report bucket photos is not owned by account " + ACCOUNT)
                    .doesNotContain("\n");
            assertThat(aws.requests()).containsExactly("HEAD /photos");
        }
    }

    private static Thumbctl.Run refusedRun(StandInEndpoint aws) {
        return Thumbctl.run("--endpoint-url", aws.endpoint().toString(), "--region", "us-east-1", "backfill",
                "--bucket", "photos", "--engine", "batch-operations", "--manifest", "generated",
                "--function-arn", FUNCTION, "--role-arn", ROLE);
    }
}
