package io.thumbctl.thumbnail;

import io.thumbctl.guard.SkipReason;

/**
 * What happened to one source object. One vocabulary for the handler's answer, its log lines,
 * backfill's summary and the CLI's JSON: {@link #name()} is the {@code outcome} field.
 */
public sealed interface Outcome {

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
