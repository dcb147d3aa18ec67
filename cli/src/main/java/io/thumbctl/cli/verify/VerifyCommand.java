package io.thumbctl.cli.verify;

import io.micronaut.context.annotation.Prototype;
import io.micronaut.json.JsonMapper;
import io.thumbctl.cli.CommandServices;
import io.thumbctl.cli.CommandServicesFactory;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.cli.SourceOptions;
import io.thumbctl.cli.output.ResultWriter;
import io.thumbctl.cli.output.SummaryLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "verify",
        header = "Report missing, orphan and stale thumbnails (read-only).",
        description = {
                "Compares sources with thumbnails, read-only, by walking the two sorted listings side by side "
                        + "(about one LIST request per 1,000 keys, constant memory; no HEAD per object).",
                "Reports missing (a source the key policy would process has no thumbnail), orphan (a thumbnail "
                        + "without its source) and stale (a thumbnail older than its source, by LastModified). "
                        + "Sources the policy skips are not missing."},
        showDefaultValues = true,
        exitCodeList = {"0:every source has an up-to-date thumbnail and every thumbnail a source",
                "1:found missing, orphan or stale thumbnails", ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE})
@Prototype // a bean, so its services are injected; a new one for each command line
public class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    private final CommandServicesFactory services;
    private final JsonMapper json;

    public VerifyCommand(CommandServicesFactory services, JsonMapper json) {
        this.services = services;
        this.json = json;
    }

    @Override
    public Integer call() {
        GlobalOptions options = GlobalOptions.of(spec);
        try (CommandServices run = services.open(options)) {
            ResultWriter out = new ResultWriter(options.output(), spec.commandLine().getOut(), json);
            VerifyReport report = new VerifyService(run.store(), run.policy())
                    .run(source.bucket(), source.prefix(), p -> out.item(p, p.problem() + "\t" + p.subject()));
            out.summary(report, text(report));
            return report.allWell() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }

    private static List<String> text(VerifyReport r) {
        return new SummaryLines(String.format(Locale.ROOT, "verify of s3://%s/%s against s3://%s/%s%s in %.1f s: %s",
                r.bucket(), r.prefix(), r.thumbnailBucket(), r.thumbnailPrefix(), r.prefix(), r.seconds(),
                r.allWell() ? "all well" : "problems found"), 12)
                .figure("sources", r.sources() + " (" + r.checked() + " need a thumbnail)")
                .figure("thumbnails", r.thumbnails())
                .figure("ok", r.ok())
                .figure("missing", r.missing())
                .figure("orphan", r.orphan())
                .figure("stale", r.stale())
                .counted("skipped", r.skipped())
                .lines();
    }
}
