package io.thumbctl.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextProvider;
import io.micronaut.function.aws.HandlerUtils;
import io.micronaut.json.JsonMapper;
import io.thumbctl.event.InvalidEventException;
import io.thumbctl.logging.LambdaDiagnostics;
import io.thumbctl.storage.CallBudget;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.ThumbnailService;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Lambda entry point ({@code io.thumbctl.function.ThumbnailHandler::handleRequest}). A stream
 * handler: it reads the event JSON itself, so one function serves every route S3 events take to
 * Lambda (S3 directly, SNS, SQS, EventBridge, S3 Batch Operations) and answers each as its
 * source expects.
 *
 * <p>Built on micronaut-function-aws: Lambda creates one instance per execution environment, and
 * its constructor builds the module's Lambda application context ({@link FunctionContext}) during
 * the init phase, with singletons created eagerly, so bad configuration fails there, at cold
 * start, not on the first upload. Each invocation hands the Lambda {@link Context} to the module
 * ({@link HandlerUtils}: the request id in the logging context; its beans are not registered, see
 * {@link NoLambdaContextBeans}).
 * The module's {@code MicronautRequestStreamHandler} is not used: it dispatches to a function
 * bean through micronaut-function's registry and codecs, which this handler has no use for (and
 * which the build leaves out, for cold start). With SnapStart,
 * {@link SnapStartPriming} runs every route once before the snapshot is taken.
 *
 * <p>An event of no known shape fails the invocation with a message naming the shapes expected.
 * Within a known event, every item is handled; see {@link Invocations} for what each route is
 * answered.
 */
public class ThumbnailHandler implements RequestStreamHandler, ApplicationContextProvider, AutoCloseable {

    /** With a 60 s function timeout: S3 calls stop at 36 s, and the invocation has ended by about 46 s. */
    static final int S3_SHARE_PERCENT = 60;
    /** Outside Lambda (local mode, tests without a Context): only each call's own timeouts apply. */
    private static final Duration NO_INVOCATION_DEADLINE = Duration.ofDays(1);

    private final ApplicationContext context;
    private final Invocations invocations;
    private final JsonMapper json;
    // Held here because a CRaC context may keep registered resources only weakly.
    private final SnapStartPriming priming;

    /** Used by the Lambda runtime. */
    public ThumbnailHandler() {
        this(startWithWarmUp());
    }

    /** For tests and local mode: a context whose lifecycle the caller owns. */
    public ThumbnailHandler(ApplicationContext context) {
        this(context, resource -> Core.getGlobalContext().register(resource));
    }

    /**
     * @param checkpointHooks where the SnapStart hooks are registered: the JVM's CRaC context on
     *                        Lambda (tests pass their own, to see what is registered)
     */
    ThumbnailHandler(ApplicationContext context, Consumer<Resource> checkpointHooks) {
        this.context = context;
        try {
            context.getBean(ThumbnailService.class).settings().requireNoRecursion();
            this.invocations = context.getBean(Invocations.class);
            this.json = context.getBean(JsonMapper.class);
            this.priming = new SnapStartPriming(context);
            checkpointHooks.accept(priming);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** The function's context, built while {@link EarlyWarmUp} does a first upload's other work. */
    private static ApplicationContext startWithWarmUp() {
        EarlyWarmUp warmUp = EarlyWarmUp.start();
        try {
            return FunctionContext.start();
        } finally {
            warmUp.await();
        }
    }

    /**
     * @throws InvalidEventException      when the event is of no known shape
     * @throws RetryableFailureException after the answer is written, when an S3 notification,
     *                                    SNS or EventBridge event had an object fail retryably
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambdaContext) throws IOException {
        HandlerUtils.configureWithContext(this, lambdaContext);
        try (CallBudget.Scope budget = CallBudget.of(s3Budget(lambdaContext))) {
            Reply reply = invocations.handle(input.readAllBytes());
            output.write(json.writeValueAsBytes(reply.body()));
            output.flush();
            if (reply.failure() != null) {
                throw reply.failure();
            }
        } finally {
            LambdaDiagnostics.clear();
        }
    }

    /**
     * How long this invocation's S3 calls may take in all: a share of the time Lambda gives it, so
     * that with hung calls it still answers and fails (for Lambda to retry) well before its timeout,
     * leaving room for a render in progress and the answer. Every item of the event shares it.
     */
    static Duration s3Budget(Context lambdaContext) {
        if (lambdaContext == null || lambdaContext.getRemainingTimeInMillis() <= 0) {
            return NO_INVOCATION_DEADLINE;
        }
        return Duration.ofMillis(lambdaContext.getRemainingTimeInMillis() * S3_SHARE_PERCENT / 100);
    }

    /** Handles an event and returns every object's outcome, in event order (for tests). */
    public List<Outcome> handle(byte[] event) {
        return invocations.handle(event).outcomes();
    }

    @Override
    public ApplicationContext getApplicationContext() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
