package io.thumbctl.thumbnail;

import io.thumbctl.guard.SkipReason;

import java.util.List;

/**
 * What happened to one source object. One vocabulary for the handler's answer, its log lines,
 * backfill's summary and the CLI's JSON: {@link #name()} is the {@code outcome} field.
 */
public sealed interface Outcome {

    /** The {@link #name()} of an outcome that wrote something: a thumbnail, or any rendition. */
    String CREATED = "created";
    /** The {@link #name()} of an outcome whose objects were all up to date already. */
    String UP_TO_DATE = "up-to-date";

    ObjectRef source();

    /**
     * {@code created}, {@code up-to-date}, {@code skipped}, {@code deleted}, {@code nothing-to-delete}
     * or {@code failed}.
     */
    String name();

    /** The skip or failure reason; {@code null} for the others. */
    default String reason() {
        return null;
    }

    /**
     * @param decodePath which decoder read the source ({@code turbojpeg}, {@code turbojpeg-dc}, {@code imageio}, ...)
     * @param warning    {@code null}, or what the thumbnail lacks ({@code orientation-unread})
     */
    record Created(ObjectRef source, String thumbnailBucket, String thumbnailKey, int width, int height,
                   String contentType, String decodePath, String warning) implements Outcome {

        public Created(ObjectRef source, String thumbnailBucket, String thumbnailKey, int width, int height,
                       String contentType, String decodePath) {
            this(source, thumbnailBucket, thumbnailKey, width, height, contentType, decodePath, null);
        }

        public String name() {
            return "created";
        }
    }

    /**
     * With renditions: each rendition's state, and the manifest. {@code created} when anything was
     * written, else {@code up-to-date}.
     *
     * @param manifestKey {@code null} when no manifest is written
     * @param decodePath  which decoder read the source; {@code null} when nothing was rendered
     * @param warning     {@code null}, or what the renditions lack ({@code orientation-unread})
     */
    record Renditions(ObjectRef source, String thumbnailBucket, List<Part> parts, String manifestKey,
                      String decodePath, String warning) implements Outcome {

        public Renditions {
            parts = List.copyOf(parts);
        }

        public String name() {
            return parts.stream().anyMatch(Part::created) ? CREATED : UP_TO_DATE;
        }
    }

    /**
     * One rendition's state after a run.
     *
     * @param created whether this run wrote it (else it was up to date)
     * @param width   0 when not known (up to date and not rendered)
     */
    record Part(String rendition, String key, boolean created, int width, int height, String contentType,
                long bytes) {

        public String state() {
            return created ? "created" : "up-to-date";
        }
    }

    record UpToDate(ObjectRef source, String thumbnailBucket, String thumbnailKey) implements Outcome {
        public String name() {
            return "up-to-date";
        }
    }

    record Skipped(ObjectRef source, SkipReason skipReason) implements Outcome {
        public String name() {
            return "skipped";
        }

        @Override
        public String reason() {
            return skipReason.word();
        }
    }

    /** The source was removed, and so was its thumbnail. */
    record Deleted(ObjectRef source, String thumbnailBucket, String thumbnailKey) implements Outcome {
        public String name() {
            return "deleted";
        }
    }

    /** The source was removed, and it had no thumbnail to delete. */
    record NothingToDelete(ObjectRef source, String thumbnailBucket, String thumbnailKey) implements Outcome {
        public String name() {
            return "nothing-to-delete";
        }
    }

    /**
     * @param retryable whether trying again can help: the function fails the invocation for these
     *                  so Lambda retries them and finally hands them to the on-failure destination
     */
    record Failed(ObjectRef source, String failureReason, boolean retryable, String detail) implements Outcome {
        public String name() {
            return "failed";
        }

        @Override
        public String reason() {
            return failureReason;
        }
    }
}
