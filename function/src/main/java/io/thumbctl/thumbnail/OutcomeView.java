package io.thumbctl.thumbnail;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An {@link Outcome} as JSON: the function's answer and the CLI's {@code --output json} items.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutcomeView(String bucket, String key, String outcome, @Nullable String reason,
                          @Nullable String thumbnailBucket, @Nullable String thumbnailKey,
                          @Nullable Boolean retryable, @Nullable String detail, @Nullable String warning,
                          @Nullable List<RenditionView> renditions) {

    /**
     * One rendition's line in an answer.
     *
     * @param outcome {@code created} or {@code up-to-date}
     * @param size    {@code WxH} where this run rendered it, else {@code null}
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RenditionView(String name, String key, String outcome, @Nullable String size,
                                @Nullable String contentType, long bytes) {
    }

    @Creator
    public OutcomeView {
    }

    public OutcomeView(String bucket, String key, String outcome, @Nullable String reason,
                       @Nullable String thumbnailBucket, @Nullable String thumbnailKey,
                       @Nullable Boolean retryable, @Nullable String detail, @Nullable String warning) {
        this(bucket, key, outcome, reason, thumbnailBucket, thumbnailKey, retryable, detail, warning, null);
    }

    public OutcomeView(String bucket, String key, String outcome, @Nullable String reason,
                       @Nullable String thumbnailBucket, @Nullable String thumbnailKey,
                       @Nullable Boolean retryable, @Nullable String detail) {
        this(bucket, key, outcome, reason, thumbnailBucket, thumbnailKey, retryable, detail, null, null);
    }

    public static OutcomeView of(Outcome outcome) {
        ObjectRef s = outcome.source();
        // Java 17 bytecode: no pattern switch, so an instanceof chain over the sealed cases.
        if (outcome instanceof Outcome.Created c) {
            return new OutcomeView(s.bucket(), s.key(), c.name(), null, c.thumbnailBucket(), c.thumbnailKey(),
                    null, c.width() + "x" + c.height() + " " + c.contentType(), c.warning());
        }
        if (outcome instanceof Outcome.Renditions r) {
            List<RenditionView> parts = r.parts().stream().map(p -> new RenditionView(p.rendition(), p.key(),
                    p.state(), p.width() > 0 ? p.width() + "x" + p.height() : null, p.contentType(), p.bytes())).toList();
            long made = r.parts().stream().filter(Outcome.Part::created).count();
            return new OutcomeView(s.bucket(), s.key(), r.name(), null, r.thumbnailBucket(), r.manifestKey(), null,
                    made + " of " + r.parts().size() + " renditions written", r.warning(), parts);
        }
        if (outcome instanceof Outcome.UpToDate u) {
            return new OutcomeView(s.bucket(), s.key(), u.name(), null, u.thumbnailBucket(), u.thumbnailKey(),
                    null, null);
        }
        if (outcome instanceof Outcome.Deleted d) {
            return new OutcomeView(s.bucket(), s.key(), d.name(), null, d.thumbnailBucket(), d.thumbnailKey(),
                    null, null);
        }
        if (outcome instanceof Outcome.NothingToDelete n) {
            return new OutcomeView(s.bucket(), s.key(), n.name(), null, n.thumbnailBucket(), n.thumbnailKey(),
                    null, "there was no thumbnail");
        }
        if (outcome instanceof Outcome.Failed f) {
            return new OutcomeView(s.bucket(), s.key(), f.name(), f.reason(), null, null, f.retryable(),
                    f.detail());
        }
        return new OutcomeView(s.bucket(), s.key(), outcome.name(), outcome.reason(), null, null, null, null);
    }
}
