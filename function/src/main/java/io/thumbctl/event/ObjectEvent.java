package io.thumbctl.event;

import io.thumbctl.thumbnail.ObjectRef;

/** One change to one object, taken from an event, key decoded. */
public record ObjectEvent(Action action, ObjectRef object, String eventName) {

    public enum Action {
        /** {@code ObjectCreated:*}: make or refresh the thumbnail. */
        CREATED,
        /** {@code ObjectRemoved:*}: delete the thumbnail. */
        REMOVED,
        /** Any other event type (restore, replication, ...): acknowledged, nothing done. */
        IGNORED
    }
}
