package io.thumbctl.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An SNS message as JSON, in the two places it reaches us: the {@code Sns} object of the Lambda
 * SNS event, and the document SNS delivers to an SQS queue (raw message delivery off, the
 * default). They differ only in fields we do not read ({@code SigningCertUrl} there,
 * {@code SigningCertURL} here); the signature is not checked (Lambda and SQS already
 * authenticated the sender).
 *
 * <p>Ours rather than aws-lambda-java-events' {@code SNSEvent}: its field names are lower-case
 * where SNS's are not ({@code Message}, {@code MessageId}), and even
 * micronaut-aws-lambda-events-serde 4.11.0, whose mixins are meant to map them, read every
 * record's {@code Sns} as null when tried.
 */
@Serdeable
public record SnsMessage(@JsonProperty("Type") @Nullable String type,
                         @JsonProperty("MessageId") @Nullable String messageId,
                         @JsonProperty("TopicArn") @Nullable String topicArn,
                         @JsonProperty("Message") @Nullable String message) {

    /** Whether an SQS message body is an SNS notification envelope. */
    static boolean isEnvelope(JsonNode body) {
        JsonNode type = body.get("Type");
        JsonNode message = body.get("Message");
        return type != null && type.isString() && "Notification".equals(type.getStringValue())
                && message != null && message.isString();
    }

    /** The Lambda SNS event: {@code Records[].Sns}. */
    @Serdeable
    public record Event(@JsonProperty("Records") @Nullable List<Record> records) {
    }

    @Serdeable
    public record Record(@JsonProperty("EventSource") @Nullable String eventSource,
                         @JsonProperty("Sns") @Nullable SnsMessage sns) {
    }
}
