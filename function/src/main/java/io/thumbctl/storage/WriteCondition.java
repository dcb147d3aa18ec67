package io.thumbctl.storage;

import java.util.Objects;

/**
 * The state a write expects to find at its key, so that a writer who decided on stale state
 * cannot replace what a newer writer put there: S3 checks it atomically and refuses the write
 * with {@link PreconditionFailedException} otherwise.
 */
public sealed interface WriteCondition {

    /** {@code If-None-Match: *}: nothing may exist at the key yet. */
    static WriteCondition ifAbsent() {
        return Absent.INSTANCE;
    }

    /** {@code If-Match}: the key must still hold exactly the object with this ETag. */
    static WriteCondition ifMatch(String etag) {
        return new Matching(etag);
    }

    enum Absent implements WriteCondition {
        INSTANCE
    }

    record Matching(String etag) implements WriteCondition {
        public Matching {
            Objects.requireNonNull(etag, "etag");
        }
    }
}
