package io.thumbctl.function;

import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.thumbctl.event.ParsedEvent;
import io.thumbctl.guard.SkipReason;
import io.thumbctl.thumbnail.ObjectRef;
import io.thumbctl.thumbnail.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How items' results become each route's answer. */
class AnswersTest {

    static final ObjectRef PHOTO = ObjectRef.of("photos", "a.jpg");

    static ItemResult item(String id, Outcome... outcomes) {
        return new ItemResult(id, List.of(outcomes), List.of());
    }

    static Outcome created() {
        return new Outcome.Created(PHOTO, "photos", "thumbnails/a.jpg", 128, 96, "image/jpeg", "turbojpeg");
    }

    static Outcome failed(boolean retryable) {
        return new Outcome.Failed(PHOTO, retryable ? "throttled" : "corrupt", retryable, "detail");
    }

    @Test
    void batchOperations_resultCode_followsTheOutcome() {
        assertThat(Answers.resultCode(item("t", created()))).isEqualTo(S3BatchResponse.ResultCode.Succeeded);
        assertThat(Answers.resultCode(item("t", new Outcome.UpToDate(PHOTO, "photos", "thumbnails/a.jpg"))))
                .isEqualTo(S3BatchResponse.ResultCode.Succeeded);
        assertThat(Answers.resultCode(item("t", new Outcome.Skipped(PHOTO, SkipReason.NOT_AN_IMAGE))))
                .isEqualTo(S3BatchResponse.ResultCode.Succeeded);
        assertThat(Answers.resultCode(item("t", new Outcome.Deleted(PHOTO, "photos", "thumbnails/a.jpg"))))
                .isEqualTo(S3BatchResponse.ResultCode.Succeeded);
        assertThat(Answers.resultCode(item("t", new Outcome.NothingToDelete(PHOTO, "photos", "thumbnails/a.jpg"))))
                .isEqualTo(S3BatchResponse.ResultCode.Succeeded);
        assertThat(Answers.resultCode(item("t", failed(false)))).isEqualTo(S3BatchResponse.ResultCode.PermanentFailure);
        assertThat(Answers.resultCode(item("t", failed(true)))).isEqualTo(S3BatchResponse.ResultCode.TemporaryFailure);
        assertThat(Answers.resultCode(item("t", failed(false), failed(true))))
                .as("a retryable failure wins: the task is tried again")
                .isEqualTo(S3BatchResponse.ResultCode.TemporaryFailure);
        assertThat(Answers.resultCode(new ItemResult("t", List.of(), List.of("invalid-event: no key"))))
                .isEqualTo(S3BatchResponse.ResultCode.TemporaryFailure);
    }

    @Test
    void batchOperations_resultString_saysOutcomeAndReason_andStaysShort() {
        assertThat(Answers.resultString(item("t", new Outcome.Skipped(PHOTO, SkipReason.NOT_AN_IMAGE))))
                .isEqualTo("skipped s3://photos/a.jpg: not-an-image");
        assertThat(Answers.resultString(item("t", failed(true)))).isEqualTo("failed s3://photos/a.jpg: throttled - detail");
        String longDetail = "x".repeat(5000);
        assertThat(Answers.resultString(item("t", new Outcome.Failed(PHOTO, "corrupt", false, longDetail))))
                .hasSize(Answers.MAX_RESULT_STRING).endsWith("...");
    }

    @Test
    void batchOperations_echoesTheInvocation_withOneResultPerTask() {
        Reply reply = Answers.batchOperations(new ParsedEvent.BatchInvocation("2.0", "inv"),
                List.of(item("t1", created()), item("t2", failed(true))));

        S3BatchResponse response = (S3BatchResponse) reply.body();
        assertThat(response.getInvocationSchemaVersion()).isEqualTo("2.0");
        assertThat(response.getInvocationId()).isEqualTo("inv");
        assertThat(response.getTreatMissingKeysAs()).isEqualTo(S3BatchResponse.ResultCode.PermanentFailure);
        assertThat(response.getResults()).extracting(S3BatchResponse.Result::getTaskId).containsExactly("t1", "t2");
        assertThat(reply.failure()).as("a task's trouble never fails the invocation").isNull();
    }

    @Test
    void sqs_namesExactlyTheMessagesToRetry_andTheInvocationSucceeds() {
        Reply reply = Answers.sqs(List.of(item("m1", created()), item("m2", failed(false)), item("m3", failed(true)),
                new ItemResult("m4", List.of(), List.of("invalid-event: not JSON")), item("m5")));

        assertThat(((Answers.SqsAnswer) reply.body()).batchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("m3", "m4");
        assertThat(reply.failure()).isNull();
    }

    @Test
    void notifications_failTheInvocation_onlyWhenSomethingIsRetryable() {
        assertThat(Answers.outcomes(List.of(item("r0", created()), item("r1", failed(false)))).failure()).isNull();

        Reply retry = Answers.outcomes(List.of(item("Records[0]", created()), item("Records[1]", failed(true)),
                new ItemResult("Records[2]", List.of(), List.of("invalid-event: bad key"))));

        assertThat(retry.failure()).isNotNull();
        assertThat(retry.failure().getMessage()).contains("2 failure(s) should be retried").contains("s3://photos/a.jpg (throttled)")
                .contains("Records[2]: invalid-event: bad key");
        assertThat(retry.outcomes()).hasSize(2);
    }
}
