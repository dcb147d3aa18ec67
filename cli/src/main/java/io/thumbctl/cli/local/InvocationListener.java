package io.thumbctl.cli.local;

import io.thumbctl.thumbnail.OutcomeView;

import java.time.Duration;
import java.util.List;

/** Hears what each invocation of the function did. Called on the function's thread, one call at a time. */
public interface InvocationListener {

    /**
     * @param outcomes    the function's answer, one item per object of the event
     * @param sinceChange from the write that caused the event to the end of the invocation
     */
    void invoked(ObjectChange change, List<OutcomeView> outcomes, Duration sinceChange);

    /** The invocation itself failed (not one object: the function threw). */
    void invocationFailed(ObjectChange change, Exception error);

    /** A Batch Operations job of the local job API started or ended; {@code line} says how. Any thread. */
    default void job(String line) {
    }
}
