package io.thumbctl.cli.job;

import io.micronaut.context.BeanProvider;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.cli.Session;
import io.thumbctl.cli.Sessions;
import io.thumbctl.cli.SourceListing;
import io.thumbctl.cli.output.OutputMode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * {@code thumbctl backfill --engine batch-operations}: works out the job (from the flags or the
 * stack's outputs), checks that the report bucket is the job account's, builds and uploads the CSV
 * manifest (or leaves the listing to S3's manifest generator), creates the job, prints its id and,
 * with {@code --wait}, follows it to its end.
 */
@Singleton
public class BatchBackfill {

    /**
     * Manifests and reports go under this folder when no stack or --report-to says otherwise, in the
     * thumbnails' bucket (the source bucket unless a target bucket is set), as template.yaml does.
     */
    public static final String DEFAULT_FOLDER = "thumbctl-batch-operations";

    private final Sessions sessions;
    private final StackOutputs stacks;
    private final JobSubmission submission;
    private final JobFollower follower;
    private final BeanProvider<S3Client> s3;
    private final Clock clock;

    public BatchBackfill(Sessions sessions, StackOutputs stacks, JobSubmission submission, JobFollower follower,
                         BeanProvider<S3Client> s3) {
        this(sessions, stacks, submission, follower, s3, Clock.systemUTC());
    }

    BatchBackfill(Sessions sessions, StackOutputs stacks, JobSubmission submission, JobFollower follower,
                  BeanProvider<S3Client> s3, Clock clock) {
        this.sessions = sessions;
        this.stacks = stacks;
        this.submission = submission;
        this.follower = follower;
        this.s3 = s3;
        this.clock = clock;
    }

    /** @return the exit code */
    public int run(BatchBackfillRequest request, GlobalOptions options, boolean progress, PrintWriter out,
                   PrintWriter err) {
        Session session = sessions.open(options);
        // With --output json, stdout is the one summary document; what people read goes to stderr.
        PrintWriter say = session.output() == OutputMode.JSON ? err : out;
        try {
            Target target = target(request, session.settings().targetBucketFor(request.bucket()));
            requireOwnBucket(target.report().bucket(), target.role().account());
            JobDefinition job;
            CsvManifest csv = null;
            try {
                if (request.manifest() == ManifestMode.CSV) {
                    csv = csvManifest(session, request, progress, err);
                    if (csv.rows() == 0) {
                        say.println("nothing to do: none of the " + csv.listed() + " keys under s3://" + request.bucket()
                                + "/" + request.prefix() + " would get a thumbnail; no job created");
                        say.flush();
                        return ExitCodes.OK;
                    }
                }
                job = define(request, target, csv == null ? null : upload(csv, request.bucket(), target));
            } finally {
                if (csv != null) {
                    csv.close();
                }
            }
            String token = job.clientRequestToken(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            String jobId = submission.create(job, token);
            created(say, job, jobId, token, csv);
            return follower.follow(job.account(), jobId,
                    new JobFollower.Options(request.await(), request.pollInterval(), progress, session.output()), out, err);
        } catch (JobRefusedException e) {
            err.println("thumbctl: " + e.getMessage());
            err.flush();
            return ExitCodes.UNAVAILABLE;
        }
    }

    /** The function, role and report location, from the flags first and the stack's outputs after. */
    record Target(String functionArn, Arns.Role role, S3Location report) {
        S3Location manifests() {
            return report.parent().child("manifests");
        }
    }

    private Target target(BatchBackfillRequest request, String thumbnailBucket) {
        Map<String, String> outputs = request.stack() == null ? Map.of() : stacks.read(request.stack());
        String function = request.functionArn() != null ? Arns.function(request.functionArn(), "--function-arn")
                : Arns.function(StackOutputs.require(outputs, StackOutputs.FUNCTION_ALIAS_ARN, request.stack(),
                "--function-arn"), "stack output " + StackOutputs.FUNCTION_ALIAS_ARN);
        Arns.Role role = request.roleArn() != null ? Arns.role(request.roleArn(), "--role-arn")
                : Arns.role(StackOutputs.require(outputs, StackOutputs.ROLE_ARN, request.stack(), "--role-arn"),
                "stack output " + StackOutputs.ROLE_ARN);
        S3Location report = request.reportTo();
        if (report == null) {
            String folder = outputs.get(StackOutputs.REPORT_URI);
            S3Location base;
            try {
                base = folder == null ? new S3Location(thumbnailBucket, DEFAULT_FOLDER) : S3Location.parse(folder);
            } catch (IllegalArgumentException e) {
                throw new JobRefusedException("stack output " + StackOutputs.REPORT_URI + ": " + e.getMessage());
            }
            report = base.child("reports");
        }
        return new Target(function, role, report);
    }

    /**
     * The report (and the CSV manifest) must land in the job's own account: asked before anything
     * long runs, with the owner S3 must find ({@code x-amz-expected-bucket-owner}).
     */
    private void requireOwnBucket(String bucket, String account) {
        try {
            s3.get().headBucket(b -> b.bucket(bucket).expectedBucketOwner(account));
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new JobRefusedException("report bucket " + bucket + " is not owned by account " + account
                        + " (or you lack s3:ListBucket on it); use a bucket of that account with --report-to", e);
            }
            if (e.statusCode() == 404) {
                throw new JobRefusedException("report bucket " + bucket + " does not exist", e);
            }
            throw e;
        }
    }

    private static CsvManifest csvManifest(Session session, BatchBackfillRequest request, boolean progress,
                                           PrintWriter err) {
        try (ManifestProgress bar = progress ? new ManifestProgress(err) : null) {
            return CsvManifest.write(SourceListing.of(session.store(), session.settings(), request.bucket(), request.prefix()),
                    session.policy(), request.bucket(), bar == null ? listed -> { } : bar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest to a temporary file", e);
        }
    }

    private JobDefinition.ManifestObject upload(CsvManifest csv, String bucket, Target target) {
        S3Location folder = target.manifests();
        String key = folder.key(bucket + "-" + csv.sha256().substring(0, 20) + ".csv");
        String etag = new ManifestUpload(s3.get()).upload(csv.file(), folder.bucket(), key, target.role().account());
        return new JobDefinition.ManifestObject(folder.bucket(), key, etag);
    }

    private static JobDefinition define(BatchBackfillRequest request, Target target,
                                        JobDefinition.ManifestObject manifest) {
        return new JobDefinition(target.role().account(), target.role().partition(), request.bucket(), request.prefix(),
                target.functionArn(), target.role().arn(), target.report(), request.reportScope(), request.priority(),
                request.manifest(), manifest, target.manifests());
    }

    private static void created(PrintWriter say, JobDefinition job, String jobId, String token, CsvManifest csv) {
        say.println("created job " + jobId);
        say.println("  function       " + job.functionArn() + " (LambdaInvoke, invocation schema "
                + JobSubmission.INVOCATION_SCHEMA + ")");
        say.println("  role           " + job.roleArn());
        if (job.manifest() != null) {
            say.println("  manifest       s3://" + job.manifest().bucket() + "/" + job.manifest().key() + " (" + csv.rows()
                    + " of " + csv.listed() + " keys listed)");
        } else {
            say.println("  manifest       generated by S3 from s3://" + job.sourceBucket() + "/" + job.prefix()
                    + " (output under " + job.manifests() + ")");
        }
        say.println("  report         " + CompletionReports.folder(job.report(), jobId) + " (" + job.reportScope()
                + " tasks)");
        say.println("  request token  " + token + " (the same backfill today gives the same job)");
        say.println("follow it: thumbctl job " + jobId + " --account-id " + job.account() + " --wait");
        say.flush();
    }
}
