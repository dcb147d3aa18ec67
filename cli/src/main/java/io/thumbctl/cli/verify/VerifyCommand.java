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
import picocli.CommandLine.Option;
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
                        + "Sources the policy skips are not missing.",
                "Listings carry no metadata: --deep also reads every thumbnail's (one HEAD each) and applies the "
                        + "function's exact rule, so a thumbnail made from other bytes or with other settings "
                        + "(box, format, quality) is stale, and an object thumbctl did not write is foreign."},
        showDefaultValues = true,
        exitCodeList = {"0:every source has an up-to-date thumbnail and every thumbnail a source",
                "1:found missing, orphan, stale or foreign thumbnails", ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE})
@Prototype // a bean, so its services are injected; a new one for each command line
public class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Option(names = "--deep", description = "Read every thumbnail's metadata (one HEAD each): stale by source "
            + "ETag and settings instead of by age, and foreign objects found.")
    boolean deep;

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
            VerifyService verify = deep ? VerifyService.deep(run.store(), run.policy(), run.thumbnails())
                    : VerifyService.fromListings(run.store(), run.policy(), run.thumbnails());
            VerifyReport report = verify.run(source.bucket(), source.prefix(), p -> out.item(p, p.text()));
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
                .figure("stale", r.stale() + (r.deep() ? " (by source ETag and settings)" : " (by age)"))
                .figure("foreign", r.deep() ? Long.toString(r.foreign()) : "not looked for (--deep)")
                .counted("skipped", r.skipped())
                .lines();
    }
}
