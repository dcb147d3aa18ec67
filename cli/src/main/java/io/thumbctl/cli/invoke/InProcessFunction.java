package io.thumbctl.cli.invoke;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.RuntimeBeanDefinition;
import io.thumbctl.cli.ThumbnailOverrides;
import io.thumbctl.cli.aws.AwsClients;
import io.thumbctl.function.ThumbnailHandler;
import io.thumbctl.logging.OutcomeLog;
import io.thumbctl.thumbnail.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thumbnail function, started in this JVM as Lambda starts it (a Micronaut context of its
 * own, with the function's configuration from the environment), and invoked through
 * {@link ThumbnailHandler#handleRequest}, the entry point Lambda calls. Two things differ: its S3
 * client is the command line's ({@code --endpoint-url}, {@code --region}, {@code --profile}),
 * and {@code --target-bucket} and {@code --thumbnail-prefix} override its configuration.
 */
final class InProcessFunction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessFunction.class);

    /** What one invocation answered; {@code failure} is why the invocation failed, if it did. */
    record Invocation(byte[] answer, String failure, int failedObjects) {
        boolean failed() {
            return failure != null;
        }
    }

    private final ThumbnailHandler handler;
    private final FailureCountingLog log;
    private final AwsClients aws;

    private InProcessFunction(ThumbnailHandler handler, FailureCountingLog log, AwsClients aws) {
        this.handler = handler;
        this.log = log;
        this.aws = aws;
    }

    /**
     * @param aws the run's clients, whose S3 client the function uses; closed with the function
     * @throws io.thumbctl.config.InvalidSettingsException when the function's configuration is invalid
     */
    static InProcessFunction start(AwsClients aws, ThumbnailOverrides overrides) {
        FailureCountingLog log = new FailureCountingLog();
        try {
            ApplicationContext context = ApplicationContext.builder()
                    .deduceEnvironment(false) // as on Lambda: no cloud probing
                    .properties(overrides.properties())
                    .beanDefinitions(
                            RuntimeBeanDefinition.builder(S3Client.class, aws.s3()::get).replaces(S3Client.class).build(),
                            RuntimeBeanDefinition.builder(OutcomeLog.class, () -> log).replaces(OutcomeLog.class).build())
                    .start();
            return new InProcessFunction(new ThumbnailHandler(context), log, aws);
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    /** Runs one event through the handler, as one Lambda invocation. */
    Invocation invoke(byte[] event) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int failedBefore = log.failed.get();
        String failure = null;
        try {
            handler.handleRequest(new ByteArrayInputStream(event), answer, null);
        } catch (IOException | RuntimeException e) {
            // the command prints the message; the stack trace is for --debug's log level
            LOG.debug("the invocation failed", e);
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return new Invocation(answer.toByteArray(), failure, log.failed.get() - failedBefore);
    }

    @Override
    public void close() {
        try {
            handler.close();
        } finally {
            aws.close();
        }
    }

    /**
     * The function's outcome log, counting the failed objects as they are logged: every event
     * route logs each object's outcome here, whatever shape its answer takes.
     */
    static final class FailureCountingLog extends OutcomeLog {
        private final AtomicInteger failed = new AtomicInteger();

        @Override
        public void record(Outcome outcome) {
            if (outcome instanceof Outcome.Failed) {
                failed.incrementAndGet();
            }
            super.record(outcome);
        }

        /** An item that could not be read, or an object that met an unexpected error: failed too. */
        @Override
        public void unhandled(String route, String item, String reason, String problem, Throwable cause) {
            failed.incrementAndGet();
            super.unhandled(route, item, reason, problem, cause);
        }
    }
}
