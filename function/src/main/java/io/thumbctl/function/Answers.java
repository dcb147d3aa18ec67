package io.thumbctl.function;

import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.thumbctl.event.ParsedEvent;
import io.thumbctl.logging.OutcomeLog;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.OutcomeView;

import java.util.ArrayList;
import java.util.List;

/** Each route's answer, built from the items' results. */
final class Answers {

    /**
     * Batch Operations tasks that are missing from an answer: never happens (every task gets a
     * result), so AWS's examples' value is kept.
     */
    static final S3BatchResponse.ResultCode TREAT_MISSING_KEYS_AS = S3BatchResponse.ResultCode.PermanentFailure;
    /** Batch Operations puts result strings into its CSV completion report: keep them short. */
    static final int MAX_RESULT_STRING = 1024;

    private Answers() {
    }

    /**
     * S3 notifications (direct, SNS), EventBridge events, test events: the outcomes; the
     * invocation fails, after every item was tried, if any failed retryably.
     */
    static Reply outcomes(List<ItemResult> results) {
        List<String> failures = results.stream().flatMap(r -> r.retryableFailures().stream()).toList();
        return new Reply(OutcomesAnswer.of(outcomesOf(results)), results,
                failures.isEmpty() ? null : new RetryableFailureException(failures));
    }

    /**
     * SQS: a partial batch response naming exactly the messages to retry; the invocation itself
     * succeeds, so the other messages are deleted from the queue.
     */
    static Reply sqs(List<ItemResult> results) {
        List<SQSBatchResponse.BatchItemFailure> failures = results.stream()
                .filter(ItemResult::retryable)
                .map(r -> new SQSBatchResponse.BatchItemFailure(r.id()))
                .toList();
        return new Reply(new SqsAnswer(failures), results, null);
    }

    /**
     * S3 Batch Operations: one result per task, echoing the invocation. The invocation never
     * fails for a task's trouble: a function error would mark the task failed for good, while
     * {@code TemporaryFailure} has it retried before the job completes.
     */
    static Reply batchOperations(ParsedEvent.BatchInvocation invocation, List<ItemResult> results) {
        List<S3BatchResponse.Result> answers = new ArrayList<>(results.size());
        for (ItemResult result : results) {
            answers.add(new S3BatchResponse.Result(result.id(), resultCode(result), resultString(result)));
        }
        S3BatchResponse response = new S3BatchResponse(invocation.invocationSchemaVersion(), TREAT_MISSING_KEYS_AS,
                invocation.invocationId(), answers);
        return new Reply(response, results, null);
    }

    static S3BatchResponse.ResultCode resultCode(ItemResult result) {
        if (result.retryable()) {
            return S3BatchResponse.ResultCode.TemporaryFailure;
        }
        return result.permanentlyFailed() ? S3BatchResponse.ResultCode.PermanentFailure
                : S3BatchResponse.ResultCode.Succeeded;
    }

    /** The outcome and its reason, e.g. {@code skipped s3://b/notes.txt: not-an-image}. */
    static String resultString(ItemResult result) {
        List<String> parts = new ArrayList<>(result.problems());
        result.outcomes().stream().map(OutcomeLog::describe).forEach(parts::add);
        String text = parts.isEmpty() ? "nothing to do" : String.join("; ", parts);
        return text.length() <= MAX_RESULT_STRING ? text : text.substring(0, MAX_RESULT_STRING - 3) + "...";
    }

    private static List<Outcome> outcomesOf(List<ItemResult> results) {
        return results.stream().flatMap(r -> r.outcomes().stream()).toList();
    }

    /**
     * SQS's partial batch response. AWS's {@link SQSBatchResponse} would do, but Micronaut Serde
     * leaves an empty list out ({@code {}}, which Lambda also takes as success); this one always
     * writes {@code batchItemFailures}, so an answer says plainly that nothing failed.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SqsAnswer(List<SQSBatchResponse.BatchItemFailure> batchItemFailures) {
    }

    /** The notification routes' answer: one item per object (the local mode reads it too). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record OutcomesAnswer(List<OutcomeView> outcomes) {
        static OutcomesAnswer of(List<Outcome> outcomes) {
            return new OutcomesAnswer(outcomes.stream().map(OutcomeView::of).toList());
        }
    }
}
