package io.thumbctl.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An S3 event as EventBridge delivers it to a rule's target (S3 User Guide, "EventBridge event
 * message structure"). aws-lambda-java-events 3.x has no type for it (its {@code ScheduledEvent}
 * leaves {@code detail} an untyped map), so this is ours; only the fields we use are mapped.
 */
@Serdeable
public record S3EventBridgeEvent(@Nullable String id,
                                 @JsonProperty("detail-type") @Nullable String detailType,
                                 @Nullable String source,
                                 @Nullable Detail detail) {

    @Serdeable
    public record Detail(@Nullable Bucket bucket, @Nullable S3Object object, @Nullable String reason,
                         @JsonProperty("deletion-type") @Nullable String deletionType) {
    }

    @Serdeable
    public record Bucket(@Nullable String name) {
    }

    /** {@code size} and {@code etag} are absent from {@code Object Deleted}. */
    @Serdeable
    public record S3Object(@Nullable String key, @Nullable Long size, @Nullable String etag,
                           @JsonProperty("version-id") @Nullable String versionId) {
    }
}
