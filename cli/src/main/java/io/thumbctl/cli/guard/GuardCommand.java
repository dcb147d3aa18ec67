package io.thumbctl.cli.guard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.cli.CommandServices;
import io.thumbctl.cli.CommandServicesFactory;
import io.thumbctl.cli.output.OutputMode;
import io.thumbctl.cli.output.ResultWriter;
import io.micronaut.context.annotation.Prototype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;

@Command(name = "guard",
        header = "Show what the function would do with each key.",
        description = {
                "Prints each key with 'process' or 'skip <reason>', exactly as the function would decide, "
                        + "then the count of each decision. Reasons: recursion-guard, folder-marker, "
                        + "not-an-image, too-large.",
                "With --bucket and no KEY, lists the bucket (sizes included, so too-large shows). "
                        + "With KEY... or - (keys from stdin, one a line) it decides on the keys alone, "
                        + "without calling S3; --bucket then names the bucket they are in."},
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n",
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
        try (CommandServices session = services.open(options)) {
            return run(session, options.output());
        }
    }

    private int run(CommandServices session, OutputMode output) {
        GuardService guard = new GuardService(session.store(), session.policy());
        ResultWriter out = new ResultWriter(output, spec.commandLine().getOut(), json);
        Map<String, Long> counts = new TreeMap<>();
        Consumer<GuardService.Explained> print = e -> {
            String decision = e.decision().toString();
            counts.merge(decision, 1L, Long::sum);
            out.item(DecisionView.of(e), e.key() + "\t" + decision);
        };
        if (keys.isEmpty()) {
            guard.explainListing(bucket, prefix, print);
        } else {
            guard.explainKeys(bucket, keyStream().iterator(), print);
        }
        List<String> text = new ArrayList<>();
        text.add("");
        counts.forEach((decision, n) -> text.add(decision + ": " + n));
        out.summary(new GuardSummary(counts.values().stream().mapToLong(Long::longValue).sum(), counts), text);
        return ExitCodes.OK;
    }

    /** The KEY arguments in order, with {@code -} replaced by the lines of stdin. */
    private Stream<String> keyStream() {
        return keys.stream().flatMap(k -> "-".equals(k) ? stdinLines() : Stream.of(k));
    }

    private static Stream<String> stdinLines() {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return in.lines().filter(line -> !line.isEmpty());
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DecisionView(@Nullable String bucket, String key, @Nullable Long size, String decision,
                        @Nullable String reason) {
        static DecisionView of(GuardService.Explained e) {
            return new DecisionView(e.bucket().isEmpty() ? null : e.bucket(), e.key(), e.size(),
                    e.decision().shouldProcess() ? "process" : "skip",
                    e.decision().shouldProcess() ? null : e.decision().skipReason().word());
        }
    }

    /** @param decisions count per decision as printed: {@code process}, {@code skip not-an-image}, ... */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record GuardSummary(long keys, Map<String, Long> decisions) {
    }
}
