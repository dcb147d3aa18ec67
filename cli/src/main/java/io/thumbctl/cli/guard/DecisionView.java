package io.thumbctl.cli.guard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One explained key as {@code --output json} shows it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record DecisionView(@Nullable String bucket, String key, @Nullable Long size, String decision,
                    @Nullable String reason) {

    static DecisionView of(GuardService.Explained e) {
        return new DecisionView(e.bucket().isEmpty() ? null : e.bucket(), e.key(), e.size(),
                e.decision().shouldProcess() ? "process" : "skip",
                e.decision().shouldProcess() ? null : e.decision().skipReason().word());
    }
}
