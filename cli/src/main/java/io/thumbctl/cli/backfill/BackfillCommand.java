package io.thumbctl.cli.backfill;

import io.micronaut.context.annotation.Prototype;
import io.micronaut.json.JsonMapper;
import io.thumbctl.cli.CommandServices;
import io.thumbctl.cli.CommandServicesFactory;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.cli.SourceOptions;
import io.thumbctl.cli.job.BatchBackfill;
import io.thumbctl.cli.job.BatchOperationsOptions;
import io.thumbctl.cli.job.Engine;
import io.thumbctl.cli.job.JobPrinter;
import io.thumbctl.cli.output.ResultWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "backfill",
        header = "Create the missing and stale thumbnails of a bucket.",
        description = {
                "Creates the thumbnails that are missing, and re-creates the stale ones (source changed since its "
                        + "thumbnail, by ETag), for every object the key policy would process, exactly as the "
                        + "function would. Streams the listing page by page: memory does not grow with the bucket.",
                "Safe to stop and run again: thumbnails already made from the current source are left alone. "
                        + "Writes only thumbnails; never touches a source object.",
                "Prints each created or failed object (with --dry-run: what it would write), then a summary. "
                        + "On a terminal, a progress bar goes to stderr.",
                "With --engine batch-operations, S3 Batch Operations does the work: thumbctl creates one job that "
                        + "invokes the function for each object and prints its id; with --wait it follows the job "
                        + "(exit 1: tasks failed, 3: the job failed or was refused)."},
        showDefaultValues = true,
        exitCodeList = {ExitCodes.HELP_OK,
                "1:some objects failed, or (with --dry-run) there is work to do",
                ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE})
@Prototype // a bean, so its services are injected; a new one for each command line
public class BackfillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + BackfillService.DEFAULT_CONCURRENCY,
            description = "Objects worked on at once.")
    int concurrency;

    @Option(names = "--dry-run", description = "Show what would be written; write nothing.")
    boolean dryRun;

    @Option(names = "--prune", description = "Also delete the renditions whose name is no longer configured "
            + "(verify reports them as orphan); only objects thumbctl wrote. Needs renditions.")
    boolean prune;

    /** When to draw the progress bar on stderr. */
    public enum Progress {
        AUTO, ALWAYS, NEVER;

        /** Whether to draw it now: auto draws on a terminal only. */
        public boolean shown() {
            return this == ALWAYS || (this == AUTO && System.console() != null);
        }
    }

    @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Progress bar on stderr; auto: only when run on a terminal.")
    Progress progress;

    @Mixin
    BatchOperationsOptions engine;

    private final CommandServicesFactory services;
    private final BatchBackfill batchOperations;
    private final JsonMapper json;

    public BackfillCommand(CommandServicesFactory services, BatchBackfill batchOperations, JsonMapper json) {
        this.services = services;
        this.batchOperations = batchOperations;
        this.json = json;
    }

    @Override
    public Integer call() {
        GlobalOptions options = GlobalOptions.of(spec);
        if (engine.engine() == Engine.BATCH_OPERATIONS) {
            return batchOperations.run(engine.request(source.bucket(), source.prefix()), options, new JobPrinter(
                    options.output(), spec.commandLine().getOut(), spec.commandLine().getErr(), json, progress.shown()));
        }
        engine.requireLocal();
        if (concurrency < 1 || concurrency > 256) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be between 1 and 256, got " + concurrency);
        }
        try (CommandServices run = services.open(options)) {
            if (prune && !run.settings().hasRenditions()) {
                throw new ParameterException(spec.commandLine(), "--prune removes renditions that are no longer "
                        + "configured, and no renditions are configured (THUMBNAIL_RENDITIONS or --renditions)");
            }
            BackfillRequest request = new BackfillRequest(source.bucket(), source.prefix(), concurrency, dryRun);
            BackfillPrinter printer = new BackfillPrinter(new ResultWriter(options.output(), spec.commandLine().getOut(), json));
            BackfillService backfill = new BackfillService(run.store(), run.policy(), run.thumbnails());
            BackfillSummary summary;
            if (progress.shown()) {
                try (ProgressDisplay bar = new ProgressDisplay(spec.commandLine().getErr(), run.store(), run.settings(), request)) {
                    summary = backfill.run(request, printer.and(bar));
                }
            } else {
                summary = backfill.run(request, printer);
            }
            if (prune) {
                summary = summary.withPruned(new RenditionPrune(run.store(), run.settings())
                        .run(source.bucket(), source.prefix(), dryRun, object -> printer.pruned(object, dryRun)));
            }
            printer.summary(summary);
            return summary.clean() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }
}
