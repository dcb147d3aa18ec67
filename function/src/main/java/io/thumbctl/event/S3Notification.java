package io.thumbctl.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An S3 event notification (S3 User Guide, "Event message structure", eventVersion 2.x), as S3
 * sends it to Lambda, SNS and SQS. Only the fields the function uses are mapped.
 *
 * <p>Ours rather than aws-lambda-java-events' {@code S3EventNotification}: that type has no
 * default constructors, so Micronaut Serde reads it only through custom deserializers (those of
 * micronaut-aws-lambda-events-serde, whose cost is in {@link LambdaEventsSerde}), and each record's
 * constructor parses {@code eventTime} with Joda-Time, which the function never reads.
 */
@Serdeable
public record S3Notification(@JsonProperty("Records") @Nullable List<Record> records) {

    @Serdeable
    public record Record(@Nullable String eventVersion, @Nullable String eventSource, @Nullable String eventName,
                         @Nullable S3 s3) {
    }

    @Serdeable
    public record S3(@Nullable Bucket bucket, @JsonProperty("object") @Nullable S3Object object) {
    }

    @Serdeable
    public record Bucket(@Nullable String name) {
    }

    /** {@code key} is URL-encoded (form encoding); {@code size} and {@code eTag} are absent from removals. */
    @Serdeable
    public record S3Object(@Nullable String key, @Nullable Long size, @JsonProperty("eTag") @Nullable String eTag,
                           @Nullable String versionId, @Nullable String sequencer) {
    }
}
