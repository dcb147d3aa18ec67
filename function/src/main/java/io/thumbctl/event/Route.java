package io.thumbctl.event;

/**
 * How an event reached the function. Each route is answered the way its source expects: the
 * notification routes with the objects' outcomes, SQS with a partial batch response, S3 Batch
 * Operations with one result per task.
 */
public enum Route {
    /** S3 event notification sent straight to the function ({@code Records[].s3}). */
    S3("s3"),
    /** The {@code s3:TestEvent} S3 sends when notifications are configured, on its own. */
    S3_TEST_EVENT("s3-test-event"),
    /** SNS topic subscription ({@code Records[].Sns.Message}). */
    SNS("sns"),
    /** SQS event source mapping ({@code Records[].body}). */
    SQS("sqs"),
    /** EventBridge rule on {@code aws.s3} events ({@code detail-type}, {@code detail}). */
    EVENTBRIDGE("eventbridge"),
    /** S3 Batch Operations LambdaInvoke job ({@code invocationSchemaVersion}, {@code tasks[]}). */
    BATCH_OPERATIONS("batch-operations");

    private final String word;

    Route(String word) {
        this.word = word;
    }

    /** The name in logs and answers. */
    public String word() {
        return word;
    }
}
