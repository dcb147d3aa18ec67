package io.thumbctl.event;

import io.thumbctl.thumbnail.ObjectRef;

/** One change to one object, taken from an event, key decoded. */
public record ObjectEvent(Action action, ObjectRef object, String eventName) {

    public enum Action {
        /** {@code ObjectCreated:*}, EventBridge {@code Object Created}: an upload; make its thumbnail. */
        CREATED,
        /**
         * A Batch Operations task: an existing object named by a backfill; make its thumbnail if it
         * is missing or stale (most are up to date, so it looks at the thumbnail first).
         */
        BACKFILL,
        /** {@code ObjectRemoved:*}, {@code LifecycleExpiration:*}, EventBridge {@code Object Deleted}: delete the thumbnail. */
        REMOVED,
        /** Any other event type (restore, replication, tagging, ...): acknowledged, nothing done. */
        IGNORED
    }

    /** The action for an S3 notification's {@code eventName} ({@code ObjectCreated:Put}, ...). */
    public static Action actionOf(String eventName) {
        // eventName has no "s3:" prefix in notifications ("ObjectCreated:Put"); tolerate it anyway
        String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
        if (name.startsWith("ObjectCreated:")) {
            return Action.CREATED;
        }
        // Lifecycle rules expire photos too; their thumbnails must go with them.
        if (name.startsWith("ObjectRemoved:") || name.startsWith("LifecycleExpiration:")) {
            return Action.REMOVED;
        }
        return Action.IGNORED;
    }
}
