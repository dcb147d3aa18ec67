package io.thumbctl.cli.invoke;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/** What {@code thumbctl invoke --output json} prints: an item per event file, then a summary. */
final class InvokeReport {

    private InvokeReport() {
    }

    /**
     * @param answer  the function's answer as it wrote it; {@code null} when it wrote none
     * @param failure why the invocation failed; {@code null} when it succeeded
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String event, @Nullable JsonNode answer, @Nullable String failure) {
    }

    /**
     * @param failedObjects objects whose outcome was {@code failed}, retryable or not
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Summary(int events, int failedInvocations, int failedObjects) {
        boolean allWell() {
            return failedInvocations == 0 && failedObjects == 0;
        }
    }
}
