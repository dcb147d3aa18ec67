package io.thumbctl.event;

import com.amazonaws.services.lambda.runtime.events.S3BatchEvent;
import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.SerdeImport;

import java.util.List;
import java.util.Map;

/**
 * Micronaut Serde for the types of AWS's event model (aws-lambda-java-events) the function reads
 * and writes: the SQS event, S3 Batch Operations' events (schema 1.0 and 2.0) and answer, the
 * SQS partial batch response's items.
 *
 * <p>Imported here rather than through micronaut-aws-lambda-events-serde: that module registers
 * 174 bean introspections (every Lambda event type), and Micronaut instantiates all
 * introspections, loading each event class, on the first introspection lookup of any cold start;
 * measured, that alone cost ~300 ms of CPU per cold start. It also lacks {@link S3BatchEventV2}.
 */
@SerdeImport(value = SQSEvent.class, mixin = LambdaEventsSerde.SqsEventMixin.class)
@SerdeImport(value = SQSEvent.SQSMessage.class, mixin = LambdaEventsSerde.SqsMessageMixin.class)
@SerdeImport(S3BatchEvent.class)
@SerdeImport(S3BatchEvent.Job.class)
@SerdeImport(S3BatchEvent.Task.class)
@SerdeImport(S3BatchEventV2.class)
@SerdeImport(S3BatchEventV2.Job.class)
@SerdeImport(S3BatchEventV2.Task.class)
@SerdeImport(S3BatchResponse.class)
@SerdeImport(S3BatchResponse.Result.class)
@SerdeImport(S3BatchResponse.ResultCode.class)
@SerdeImport(SQSBatchResponse.BatchItemFailure.class)
final class LambdaEventsSerde {

    private LambdaEventsSerde() {
    }

    /** The event's array is {@code Records}, not {@code records}. */
    interface SqsEventMixin {
        @JsonProperty("Records")
        List<SQSEvent.SQSMessage> getRecords();
    }

    /**
     * {@code eventSourceARN} as SQS spells it; message attributes are not read (S3 and SNS set
     * none, and their binary values would need a byte-buffer reader for nothing).
     */
    interface SqsMessageMixin {
        @JsonProperty("eventSourceARN")
        String getEventSourceArn();

        @JsonIgnore
        Map<String, SQSEvent.MessageAttribute> getMessageAttributes();
    }
}
