package io.thumbctl.cli.job;

import io.micronaut.json.JsonMapper;
import io.thumbctl.cli.CommandServices;
import io.thumbctl.cli.CommandServicesFactory;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.cli.SourceListing;
import io.thumbctl.cli.aws.ClientTimeouts;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
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

    private final CommandServicesFactory services;
    private final JsonMapper json;
    private final Provider<ClientTimeouts> timeouts;
    private final Clock clock;

    @Inject
    public BatchBackfill(CommandServicesFactory services, JsonMapper json, Provider<ClientTimeouts> timeouts) {
        this(services, json, timeouts, Clock.systemUTC());
    }

    BatchBackfill(CommandServicesFactory services, JsonMapper json, Provider<ClientTimeouts> timeouts, Clock clock) {
        this.services = services;
        this.json = json;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    /**
     * @return the exit code
     * @throws JobRefusedException when AWS refuses (or does not answer) what the job needs
     */
    public int run(BatchBackfillRequest request, GlobalOptions options, JobPrinter printer) {
        try (CommandServices run = services.open(options)) {
            JobServices jobs = JobServices.over(run.aws(), json);
            Provider<S3Client> s3 = run.aws().s3();
            Target target = target(request, jobs.stacks(), run.settings().targetBucketFor(request.bucket()));
            requireOwnBucket(s3, target.report().bucket(), target.role().account());
            JobDefinition job;
            CsvManifest csv = null;
            try {
                if (request.manifest() == ManifestMode.CSV) {
                    csv = csvManifest(run, request, printer);
                    if (csv.rows() == 0) {
                        printer.nothingToDo(csv, request.bucket(), request.prefix());
                        return ExitCodes.OK;
                    }
                }
                job = define(request, target, csv == null ? null : upload(s3, csv, request.bucket(), target));
            } finally {
                if (csv != null) {
                    csv.close();
                }
            }
            String token = job.clientRequestToken(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            String jobId = jobs.submission().create(job, token);
            printer.created(job, jobId, token, csv);
            return jobs.follower().follow(job.account(), jobId,
                    new JobFollower.Options(request.await(), request.pollInterval()), printer);
        }
    }

    /** The function, role and report location, from the flags first and the stack's outputs after. */
    record Target(String functionArn, Arns.Role role, S3Location report) {
        S3Location manifests() {
            return report.parent().child("manifests");
        }
    }

    private static Target target(BatchBackfillRequest request, StackOutputs stacks, String thumbnailBucket) {
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
    private static void requireOwnBucket(Provider<S3Client> s3, String bucket, String account) {
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
            throw JobRefusedException.failed("S3 HeadBucket " + bucket, e);
        } catch (SdkException e) {
            throw JobRefusedException.failed("S3 HeadBucket " + bucket, e);
        }
    }

    private static CsvManifest csvManifest(CommandServices run, BatchBackfillRequest request, JobPrinter printer) {
        try (ManifestProgress bar = printer.manifestProgress()) {
            return CsvManifest.write(SourceListing.of(run.store(), run.settings(), request.bucket(), request.prefix()),
                    run.policy(), request.bucket(), bar == null ? listed -> { } : bar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest to a temporary file", e);
        }
    }

    private JobDefinition.ManifestObject upload(Provider<S3Client> s3, CsvManifest csv, String bucket,
                                                       Target target) {
        S3Location folder = target.manifests();
        String key = folder.key(bucket + "-" + csv.sha256().substring(0, 20) + ".csv");
        String etag = new ManifestUpload(s3.get(), timeouts.get())
                .upload(csv.file(), folder.bucket(), key, target.role().account());
        return new JobDefinition.ManifestObject(folder.bucket(), key, etag);
    }

    private static JobDefinition define(BatchBackfillRequest request, Target target,
                                        JobDefinition.ManifestObject manifest) {
        return new JobDefinition(target.role().account(), target.role().partition(), request.bucket(), request.prefix(),
                target.functionArn(), target.role().arn(), target.report(), request.reportScope(), request.priority(),
                request.manifest(), manifest, target.manifests());
    }
}
