package io.thumbctl.guard;

import io.micronaut.core.annotation.Nullable;

/** What the policy says about one key: process it, or skip it for a reason. */
public record Decision(@Nullable SkipReason skipReason) {

    private static final Decision PROCESS = new Decision(null);

    public static Decision process() {
        return PROCESS;
    }

    public static Decision skip(SkipReason reason) {
        return new Decision(reason);
    }

    public boolean shouldProcess() {
        return skipReason == null;
    }

    /** {@code process} or {@code skip <reason>}, as {@code thumbctl guard} prints it. */
    @Override
    public String toString() {
        return shouldProcess() ? "process" : "skip " + skipReason.word();
    }
}
