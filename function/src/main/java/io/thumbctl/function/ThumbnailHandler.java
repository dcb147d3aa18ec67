package io.thumbctl.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.thumbctl.event.EventReader;
import io.thumbctl.event.ObjectEvent;
import io.thumbctl.event.ParsedEvent;
import io.thumbctl.logging.OutcomeLog;
import io.thumbctl.storage.CallBudget;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.OutcomeView;
import io.thumbctl.thumbnail.ThumbnailService;
import org.crac.Core;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lambda entry point ({@code io.thumbctl.function.ThumbnailHandler::handleRequest}). A stream
 * handler: it reads the event JSON itself so one function serves every event shape.
 *
 * <p>Lambda creates one instance per execution environment, so the Micronaut context is built
 * once, in the constructor, during the init phase. Bad configuration fails there, at cold start,
 * not on the first upload. With SnapStart, {@link SnapStartPriming} runs the pipeline once before
 * the snapshot is taken.
 *
 * <p>Every record of an event is handled. Permanent failures (corrupt image, object gone, ...) are
 * logged and answered, and the invocation succeeds; if any object failed in a way that a retry can
 * fix, the invocation fails after all records were tried, so Lambda retries it (records already
 * done are then up to date and cost one HEAD each).
 */
public class ThumbnailHandler implements RequestStreamHandler, AutoCloseable {

    /** With a 60 s function timeout: S3 calls stop at 36 s, and the invocation has ended by about 46 s. */
    static final int S3_SHARE_PERCENT = 60;
    /** Outside Lambda (local mode, tests without a Context): only each call's own timeouts apply. */
    private static final Duration NO_INVOCATION_DEADLINE = Duration.ofDays(1);

    private final ApplicationContext context;
    private final EventReader events;
    private final ThumbnailService thumbnails;
    private final OutcomeLog log;
    private final JsonMapper json;
    // Held here because a CRaC context may keep registered resources only weakly.
    private final SnapStartPriming priming;

    /** Used by the Lambda runtime. */
    public ThumbnailHandler() {
        this(FunctionContext.start());
    }

    /** For tests and local mode: a context whose lifecycle the caller owns. */
    public ThumbnailHandler(ApplicationContext context) {
        this.context = context;
        try {
            this.thumbnails = context.getBean(ThumbnailService.class);
            thumbnails.settings().requireNoRecursion();
            this.events = context.getBean(EventReader.class);
            this.log = context.getBean(OutcomeLog.class);
            this.json = context.getBean(JsonMapper.class);
            this.priming = new SnapStartPriming(context);
            Core.getGlobalContext().register(priming);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambdaContext) throws IOException {
        if (lambdaContext != null && lambdaContext.getAwsRequestId() != null) {
            MDC.put("requestId", lambdaContext.getAwsRequestId());
        }
        try (CallBudget.Scope budget = CallBudget.of(s3Budget(lambdaContext))) {
            List<Outcome> outcomes = handle(input.readAllBytes());
            output.write(json.writeValueAsBytes(HandlerResponse.of(outcomes)));
            output.flush();
            List<Outcome> retryable = outcomes.stream()
                    .filter(o -> o instanceof Outcome.Failed f && f.retryable()).toList();
            if (!retryable.isEmpty()) {
                throw new RetryableFailureException(retryable);
            }
        } finally {
            MDC.remove("requestId");
        }
    }

    /**
     * How long this invocation's S3 calls may take in all: a share of the time Lambda gives it, so
     * that with hung calls it still answers and fails (for Lambda to retry) well before its timeout,
     * leaving room for a render in progress and the answer.
     */
    static Duration s3Budget(Context lambdaContext) {
        if (lambdaContext == null || lambdaContext.getRemainingTimeInMillis() <= 0) {
            return NO_INVOCATION_DEADLINE;
        }
        return Duration.ofMillis(lambdaContext.getRemainingTimeInMillis() * S3_SHARE_PERCENT / 100);
    }

    /** Handles every object of the event and returns their outcomes in event order. */
    public List<Outcome> handle(byte[] event) {
        ParsedEvent parsed = events.read(event);
        List<Outcome> outcomes = new ArrayList<>(parsed.objects().size());
        for (ObjectEvent object : parsed.objects()) {
            Outcome outcome = switch (object.action()) {
                case CREATED -> thumbnails.createUploaded(object.object());
                case REMOVED -> thumbnails.remove(object.object());
                case IGNORED -> null;
            };
            if (outcome != null) {
                log.record(outcome);
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    @Override
    public void close() {
        context.close();
    }

    /** The answer: one item per object, for whoever invoked us synchronously (and for tests). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record HandlerResponse(List<OutcomeView> outcomes) {
        static HandlerResponse of(List<Outcome> outcomes) {
            return new HandlerResponse(outcomes.stream().map(OutcomeView::of).toList());
        }
    }
}
