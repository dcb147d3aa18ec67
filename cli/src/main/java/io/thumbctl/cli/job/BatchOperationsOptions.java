package io.thumbctl.cli.job;

import io.micronaut.core.annotation.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code backfill}'s options for choosing the engine and, with {@code --engine batch-operations},
 * for the S3 Batch Operations job. A mixin, so that the backfill command itself only asks which
 * engine runs.
 */
public class BatchOperationsOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec backfill;

    @Option(names = "--engine", paramLabel = "local|batch-operations", defaultValue = "local",
            converter = EngineConverter.class,
            description = "local: this machine does the work (the backfill above). batch-operations: S3 Batch "
                    + "Operations invokes the function once per object, at Lambda's scale; thumbctl creates the job "
                    + "and prints its id.")
    Engine engine;

    @Option(names = "--function-arn", paramLabel = "ARN",
            description = "batch-operations: the function alias the job invokes. Default: the stack's FunctionAliasArn.")
    @Nullable String functionArn;

    @Option(names = "--role-arn", paramLabel = "ARN",
            description = "batch-operations: the role S3 Batch Operations assumes; the job is created in its account. "
                    + "Default: the stack's BatchOperationsRoleArn.")
    @Nullable String roleArn;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "batch-operations: read FunctionAliasArn, BatchOperationsRoleArn and BatchOperationsReportUri "
                    + "from this CloudFormation stack's outputs.")
    @Nullable String stack;

    @Option(names = "--report-to", paramLabel = "s3://BUCKET/PREFIX",
            description = "batch-operations: where the completion report goes (S3 adds job-ID/); CSV manifests go "
                    + "next to it, under manifests/. Default: the stack's BatchOperationsReportUri + reports, else "
                    + "thumbctl-batch-operations/reports in the thumbnails' bucket.")
    @Nullable String reportTo;

    @Option(names = "--report-scope", paramLabel = "failed|all", defaultValue = "failed",
            converter = ReportScopeConverter.class,
            description = "batch-operations: the completion report lists the failed tasks, or all tasks.")
    ReportScope reportScope;

    @Option(names = "--manifest", paramLabel = "csv|generated", defaultValue = "csv",
            converter = ManifestModeConverter.class,
            description = "batch-operations: csv: thumbctl lists the bucket and uploads the keys the function "
                    + "would process. generated: S3 lists the bucket itself (nothing listed here; thumbnails and "
                    + "non-images become tasks the function skips).")
    ManifestMode manifest;

    @Option(names = "--priority", paramLabel = "N", defaultValue = "10",
            description = "batch-operations: the job's priority; higher runs first.")
    int priority;

    @Option(names = "--wait",
            description = "batch-operations: follow the job to its end, with progress and a summary of its report.")
    boolean await;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = PollInterval.DEFAULT_SECONDS,
            converter = PollInterval.class,
            description = "batch-operations with --wait: seconds between two looks at the job.")
    Duration pollInterval;

    private static final List<String> BATCH_ONLY = List.of("--function-arn", "--role-arn", "--stack", "--report-to",
            "--report-scope", "--manifest", "--priority", "--wait", "--poll-interval");
    private static final List<String> LOCAL_ONLY = List.of("--concurrency", "--dry-run");

    public Engine engine() {
        return engine;
    }

    /**
     * The batch-operations request; refuses the local engine's options.
     *
     * @throws ParameterException (exit 2) for options that do not go together
     */
    public BatchBackfillRequest request(String bucket, String prefix) {
        refuse(LOCAL_ONLY, "--engine local");
        if (priority < 0) {
            throw new ParameterException(backfill.commandLine(), "--priority must be 0 or more");
        }
        if (stack == null && (functionArn == null || roleArn == null)) {
            throw new ParameterException(backfill.commandLine(), "--engine batch-operations needs --stack NAME, "
                    + "or --function-arn ARN and --role-arn ARN");
        }
        S3Location report;
        try {
            report = reportTo == null ? null : S3Location.parse(reportTo);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(backfill.commandLine(), "--report-to: " + e.getMessage());
        }
        return new BatchBackfillRequest(bucket, prefix, functionArn, roleArn, stack, report, reportScope, manifest,
                priority, await, pollInterval);
    }

    /** @throws ParameterException (exit 2) when a batch-operations option is given to the local engine */
    public void requireLocal() {
        refuse(BATCH_ONLY, "--engine batch-operations");
    }

    private void refuse(List<String> options, String engineThatTakesThem) {
        for (String option : options) {
            if (backfill.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(backfill.commandLine(), option + " applies to " + engineThatTakesThem
                        + " only");
            }
        }
    }

    static final class EngineConverter implements ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            return word(Engine.values(), value, "--engine");
        }
    }

    static final class ManifestModeConverter implements ITypeConverter<ManifestMode> {
        @Override
        public ManifestMode convert(String value) {
            return word(ManifestMode.values(), value, "--manifest");
        }
    }

    static final class ReportScopeConverter implements ITypeConverter<ReportScope> {
        @Override
        public ReportScope convert(String value) {
            return word(ReportScope.values(), value, "--report-scope");
        }
    }

    private static <E extends Enum<E>> E word(E[] values, String value, String option) {
        for (E e : values) {
            if (e.toString().equals(value.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new picocli.CommandLine.TypeConversionException("expected one of "
                + String.join(", ", java.util.Arrays.stream(values).map(Object::toString).toList()) + " for " + option
                + ", got '" + value + "'");
    }
}
