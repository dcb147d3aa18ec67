package io.thumbctl.cli.local;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.config.InvalidSettingsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code thumbctl local}: the whole pipeline on this machine, no AWS account. */
@Command(name = "local",
        modelTransformer = LocalCommand.OnlyThumbnailOptions.class,
        description = {
                "Runs the whole pipeline on this machine, no AWS account needed: an S3-compatible endpoint on "
                        + "127.0.0.1 whose uploads get thumbnails as on AWS.",
                "Every object created or removed there is announced to the thumbnail function as the S3 event "
                        + "notification S3 would send, and the function (this same code, with its usual "
                        + "THUMBNAIL_* configuration) writes or deletes the thumbnail through the endpoint. "
                        + "Requests signed with any credentials are accepted. Objects are plain files under "
                        + "--data and survive a restart; the thumbnails' --target-bucket is created if missing. "
                        + "Unlike Lambda, a failed invocation is not retried.",
                "Stop it with Ctrl-C."},
        exitCodeList = {"0:stopped (Ctrl-C)", ExitCodes.HELP_USAGE,
                "3:could not start (port in use, data directory not usable)"})
public class LocalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + LocalOptions.DEFAULT_PORT,
            description = "TCP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "local-data",
            description = "where objects are kept, one directory per bucket (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--bucket", paramLabel = "NAME",
            description = "a bucket to create if missing; repeat for more (default: " + LocalOptions.DEFAULT_BUCKET
                    + ")")
    List<String> buckets;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        GlobalOptions options = GlobalOptions.of(spec);
        if (options.connectionGiven()) {
            return fail(ExitCodes.USAGE, "--endpoint-url, --region and --profile do not apply: local mode is the "
                    + "endpoint (use them with backfill, verify and guard against it)");
        }
        LocalOptions local;
        try {
            local = new LocalOptions(port, data, buckets, options.thumbnailOverrides().properties());
        } catch (IllegalArgumentException e) {
            return fail(ExitCodes.USAGE, e.getMessage());
        }
        LocalPipeline pipeline;
        try {
            pipeline = LocalPipeline.start(local, new OutcomePrinter(out));
        } catch (InvalidSettingsException e) {
            return fail(ExitCodes.USAGE, e.getMessage());
        } catch (LocalStartException e) {
            return fail(ExitCodes.UNAVAILABLE, e.getMessage());
        }
        Banner.print(out, pipeline);
        pipeline.serveUntilStopped(() -> Banner.stopped(out, pipeline));
        return ExitCodes.OK;
    }

    private int fail(int exitCode, String message) {
        spec.commandLine().getErr().println("thumbctl local: " + message);
        return exitCode;
    }

    /**
     * Of the global options, local mode takes only {@code --target-bucket} and
     * {@code --thumbnail-prefix}: it is the endpoint, and it prints no results.
     */
    static final class OnlyThumbnailOptions implements IModelTransformer {

        private static final Set<String> APPLY_HERE = Set.of("--target-bucket", "--thumbnail-prefix");

        @Override
        public CommandSpec transform(CommandSpec local) {
            for (OptionSpec option : List.copyOf(local.options())) {
                if (option.inherited() && !APPLY_HERE.contains(option.longestName())) {
                    local.remove(option);
                }
            }
            return local;
        }
    }
}
