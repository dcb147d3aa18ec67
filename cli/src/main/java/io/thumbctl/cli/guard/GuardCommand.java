package io.thumbctl.cli.guard;

import io.micronaut.context.annotation.Prototype;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.thumbctl.cli.CommandServices;
import io.thumbctl.cli.CommandServicesFactory;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.cli.output.ResultWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

@Command(name = "guard",
        header = "Show what the function would do with each key.",
        description = {
                "Prints each key with 'process' or 'skip <reason>', exactly as the function would decide, "
                        + "then the count of each decision. Reasons: recursion-guard, folder-marker, "
                        + "not-an-image, too-large.",
                "With --bucket and no KEY, lists the bucket (sizes included, so too-large shows). "
                        + "With KEY... or - (keys from stdin, one a line) it decides on the keys alone, "
                        + "without calling S3; --bucket then names the bucket they are in."},
        showDefaultValues = true,
        exitCodeList = {"0:the keys were explained", ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE})
@Prototype // a bean, so its services are injected; a new one for each command line
public class GuardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bucket", paramLabel = "BUCKET", description = "Source bucket.")
    @Nullable String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Only keys that start with this (listing mode).")
    String prefix;

    @Parameters(paramLabel = "KEY", arity = "0..*", description = "Keys to explain; - reads them from stdin.")
    List<String> keys = new ArrayList<>();

    private final CommandServicesFactory services;
    private final JsonMapper json;

    public GuardCommand(CommandServicesFactory services, JsonMapper json) {
        this.services = services;
        this.json = json;
    }

    @Override
    public Integer call() {
        if (keys.isEmpty() && bucket == null) {
            throw new ParameterException(spec.commandLine(),
                    "Give --bucket BUCKET to explain a bucket's keys, or KEY... (or - for stdin)");
        }
        GlobalOptions options = GlobalOptions.of(spec);
        try (CommandServices run = services.open(options)) {
            GuardService guard = new GuardService(run.store(), run.policy());
            ResultWriter out = new ResultWriter(options.output(), spec.commandLine().getOut(), json);
            Consumer<GuardService.Explained> print = e -> out.item(DecisionView.of(e), e.key() + "\t" + e.decision());
            GuardSummary summary = keys.isEmpty()
                    ? guard.explainListing(bucket, prefix, print)
                    : guard.explainKeys(bucket, KeySource.of(keys).keys(), print);
            out.summary(summary, summary.text());
            return ExitCodes.OK;
        }
    }
}
