package io.thumbctl.cli.local;

import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.GlobalOptions;
import io.thumbctl.cli.VersionProvider;
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
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
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
                "Stop it with Ctrl-C."})
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
        PrintWriter err = spec.commandLine().getErr();
        GlobalOptions given = GlobalOptions.of(spec);
        if (given.connectionGiven()) {
            err.println("thumbctl local: --endpoint-url, --region and --profile do not apply: local mode is the "
                    + "endpoint (use them with backfill, verify and guard against it)");
            return ExitCodes.USAGE;
        }
        LocalOptions options;
        try {
            options = new LocalOptions(port, data, buckets, given.thumbnailOverrides().properties());
        } catch (IllegalArgumentException e) {
            err.println("thumbctl local: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        LocalPipeline pipeline;
        try {
            pipeline = LocalPipeline.start(options, new OutcomePrinter(out));
        } catch (InvalidSettingsException e) {
            err.println("thumbctl local: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (LocalStartException e) {
            err.println("thumbctl local: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        // Ctrl-C ends the JVM through its shutdown hooks: stop there, after queued thumbnails.
        Thread stopOnExit = new Thread(() -> stop(pipeline, out), "thumbctl-local-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            Banner.print(out, pipeline);
            pipeline.awaitStopped();
        } catch (InterruptedException e) {
            // Interrupting the thread that runs the command stops local mode, as Ctrl-C does.
            Thread.currentThread().interrupt();
        } finally {
            stop(pipeline, out);
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
        return ExitCodes.OK;
    }

    private static void stop(LocalPipeline pipeline, PrintWriter out) {
        if (pipeline.stop()) {
            out.println("thumbctl local: stopped; the data stays in "
                    + pipeline.dataDir().toAbsolutePath().normalize());
            out.flush();
        }
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
