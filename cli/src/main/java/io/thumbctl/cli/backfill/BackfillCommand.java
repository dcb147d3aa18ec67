package io.thumbctl.cli.backfill;

import io.micronaut.json.JsonMapper;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.cli.Session;
import io.thumbctl.cli.Sessions;
import io.thumbctl.cli.ThumbctlCommand;
import io.thumbctl.cli.job.BatchBackfill;
import io.thumbctl.cli.job.BatchOperationsOptions;
import io.thumbctl.cli.job.Engine;
import io.thumbctl.cli.output.ResultWriter;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.OutcomeView;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

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
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_OK,
                "1:some objects failed, or (with --dry-run) there is work to do",
                ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE})
@Prototype // a bean, so its services are injected; a new one for each command line
public class BackfillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ThumbctlCommand parent;

    @Mixin
    GlobalOptions options;

    @Option(names = "--bucket", required = true, paramLabel = "BUCKET", description = "Source bucket.")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Only objects whose key starts with this.")
    String prefix;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + BackfillService.DEFAULT_CONCURRENCY,
            description = "Objects worked on at once.")
    int concurrency;

    @Option(names = "--dry-run", description = "Show what would be written; write nothing.")
    boolean dryRun;

    /** When to draw the progress bar on stderr. */
    public enum Progress { AUTO, ALWAYS, NEVER }

    @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Progress bar on stderr; auto: only when run on a terminal.")
    Progress progress;

    @Mixin
    BatchOperationsOptions engine;

    @Inject
    BatchBackfill batchOperations;

    private final Sessions sessions;
    private final JsonMapper json;

    public BackfillCommand(Sessions sessions, JsonMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    @Override
    public Integer call() {
        if (engine.engine() == Engine.BATCH_OPERATIONS) {
            return batchOperations.run(engine.request(bucket, prefix), options.over(parent.globalOptions()),
                    showProgress(), spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        engine.requireLocal();
        if (concurrency < 1 || concurrency > 256) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--concurrency must be between 1 and 256, got " + concurrency);
        }
        Session session = sessions.open(options.over(parent.globalOptions()));
        BackfillRequest request = new BackfillRequest(bucket, prefix, concurrency, dryRun);
        ResultWriter out = new ResultWriter(session.output(), spec.commandLine().getOut(), json);
        BackfillListener printer = new BackfillListener() {
            @Override
            public void finished(Outcome outcome) {
                if (outcome instanceof Outcome.Created || outcome instanceof Outcome.Failed) {
                    OutcomeView view = OutcomeView.of(outcome);
                    out.item(view, view.outcome() + "\t" + view.key()
                            + (view.reason() == null ? "" : "\t" + view.reason() + ": " + view.detail()));
                }
            }

            @Override
            public void planned(PlannedThumbnail plan) {
                out.item(new OutcomeView(plan.source().bucket(), plan.source().key(), plan.action(), null,
                        plan.thumbnailBucket(), plan.thumbnailKey(), null, null), plan.action() + "\t" + plan.source().key());
            }
        };
        BackfillService service = new BackfillService(session.store(), session.policy(), session.thumbnails());
        BackfillSummary summary;
        if (showProgress()) {
            try (ProgressDisplay bar = new ProgressDisplay(spec.commandLine().getErr(), session.store(), session.settings(), request)) {
                summary = service.run(request, printer.and(bar));
            }
        } else {
            summary = service.run(request, printer);
        }
        out.summary(summary, text(summary));
        return summary.clean() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    private boolean showProgress() {
        return progress == Progress.ALWAYS || (progress == Progress.AUTO && System.console() != null);
    }

    private static List<String> text(BackfillSummary s) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%s s3://%s/%s: %d keys scanned in %.1f s%s",
                s.dryRun() ? "dry run of" : "backfill of", s.bucket(), s.prefix(), s.scanned(), s.seconds(),
                s.interrupted() ? " (interrupted: run again to finish)" : ""));
        if (s.dryRun()) {
            lines.add("  would create   " + s.wouldCreate());
            lines.add("  would refresh  " + s.wouldRefresh());
        } else {
            lines.add("  created        " + s.created());
        }
        lines.add("  up to date     " + s.upToDate());
        lines.add("  skipped        " + s.skippedTotal() + (s.skipped().isEmpty() ? "" : s.skipped().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ", " (", ")"))));
        lines.add("  failed         " + s.failed());
        s.failures().forEach(f -> lines.add("    " + f.key() + "\t" + f.reason()));
        if (s.failed() > s.failures().size()) {
            lines.add("    ... and " + (s.failed() - s.failures().size()) + " more");
        }
        return lines;
    }
}
