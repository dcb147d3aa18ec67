package io.thumbctl.cli.guard;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.guard.Decision;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Explains keys with the function's own {@link KeyPolicy}: for each key, {@code process} or
 * {@code skip <reason>}, exactly what the function would decide.
 */
public final class GuardService {

    /**
     * Stands for "some source bucket" when keys are given without {@code --bucket}: it equals
     * the target bucket exactly when no target bucket is configured (thumbnails then live next to
     * their sources, so the prefix check applies), and differs from a configured one.
     */
    static final String UNNAMED_SOURCE_BUCKET = "";

    /** One key and what the policy says about it. */
    public record Explained(String bucket, String key, @Nullable Long size, Decision decision) {
    }

    private final ObjectStore store;
    private final KeyPolicy policy;

    public GuardService(ObjectStore store, KeyPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /**
     * Decides on the keys alone, without any S3 call, as the function does before it reads the
     * object: {@code too-large} needs the size, so it only shows when listing a bucket.
     */
    public GuardSummary explainKeys(@Nullable String bucket, Iterator<String> keys, Consumer<Explained> sink) {
        String where = bucket == null ? UNNAMED_SOURCE_BUCKET : bucket;
        Tally tally = new Tally(sink);
        while (keys.hasNext()) {
            String key = keys.next();
            tally.accept(new Explained(where, key, null, policy.decide(where, key, null)));
        }
        return tally.summary();
    }

    /** Lists the bucket page by page and decides each key with its size. */
    public GuardSummary explainListing(String bucket, String prefix, Consumer<Explained> sink) {
        Tally tally = new Tally(sink);
        try (Stream<ObjectInfo> listing = store.list(bucket, prefix)) {
            listing.forEach(o -> tally.accept(new Explained(bucket, o.key(), o.size(),
                    policy.decide(bucket, o.key(), o.size()))));
        }
        return tally.summary();
    }

    /** Passes each explained key on and counts its decision. */
    private static final class Tally implements Consumer<Explained> {
        private final Consumer<Explained> sink;
        private final Map<String, Long> counts = new TreeMap<>();
        private long keys;

        Tally(Consumer<Explained> sink) {
            this.sink = sink;
        }

        @Override
        public void accept(Explained explained) {
            sink.accept(explained);
            counts.merge(explained.decision().toString(), 1L, Long::sum);
            keys++;
        }

        GuardSummary summary() {
            return new GuardSummary(keys, counts);
        }
    }
}
