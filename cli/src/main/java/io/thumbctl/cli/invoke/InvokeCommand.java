package io.thumbctl.cli.invoke;

import io.micronaut.context.annotation.Prototype;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.cli.aws.AwsConnector;
import io.thumbctl.cli.output.ResultWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "invoke",
        header = "Run the function on event files, in this JVM, as Lambda would.",
        description = {
                "Starts the thumbnail function here, with its usual THUMBNAIL_* configuration, and hands it each "
                        + "EVENT.json in turn, as one Lambda invocation each, through the handler Lambda calls. "
                        + "Prints each answer as the function wrote it, one a line; a failed invocation is "
                        + "reported on stderr.",
                "The function's S3 calls go where --endpoint-url, --region and --profile say; this works against "
                        + "'thumbctl local', any S3-compatible endpoint, or AWS."},
        exitCodeList = {"0:every invocation succeeded and no object failed",
                "1:an invocation failed, or an object failed", ExitCodes.HELP_USAGE,
                "3:could not run the function"})
@Prototype // a bean, so its services are injected; a new one for each command line
public class InvokeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "EVENT.json", arity = "1..*", description = "Event files, as Lambda would receive them.")
    List<Path> events;

    private final AwsConnector connector;
    private final JsonMapper json;

    public InvokeCommand(AwsConnector connector, JsonMapper json) {
        this.connector = connector;
        this.json = json;
    }

    @Override
    public Integer call() throws IOException {
        GlobalOptions options = GlobalOptions.of(spec);
        List<EventFile> files = readAll(); // every file readable before the function starts
        try (InProcessFunction function = InProcessFunction.start(connector.connect(options.connection()),
                options.thumbnailOverrides())) {
            ResultWriter out = new ResultWriter(options.output(), spec.commandLine().getOut(), json);
            int failedInvocations = 0;
            int failedObjects = 0;
            for (EventFile file : files) {
                InProcessFunction.Invocation invocation = function.invoke(file.content());
                print(out, file, invocation);
                failedInvocations += invocation.failed() ? 1 : 0;
                failedObjects += invocation.failedObjects();
            }
            InvokeReport.Summary summary = new InvokeReport.Summary(files.size(), failedInvocations, failedObjects);
            out.summary(summary, List.of());
            return summary.allWell() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }

    /** One line per event file, in order: the answer as the function wrote it (empty if it wrote none). */
    private void print(ResultWriter out, EventFile file, InProcessFunction.Invocation invocation) throws IOException {
        if (invocation.failed()) {
            spec.commandLine().getErr().println("thumbctl invoke: " + file.path() + ": invocation failed: "
                    + invocation.failure());
        }
        String answer = new String(invocation.answer(), StandardCharsets.UTF_8).strip();
        JsonNode tree = answer.isEmpty() ? null : json.readValue(invocation.answer(), JsonNode.class);
        out.item(new InvokeReport.Item(file.path().toString(), tree, invocation.failure()), answer);
    }

    private record EventFile(Path path, byte[] content) {
    }

    private List<EventFile> readAll() {
        List<EventFile> files = new ArrayList<>();
        for (Path event : events) {
            try {
                files.add(new EventFile(event, Files.readAllBytes(event)));
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + event + ": " + e);
            }
        }
        return files;
    }
}
