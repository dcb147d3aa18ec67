package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;

/** Builds the Micronaut context the function runs in. */
public final class FunctionContext {

    private FunctionContext() {
    }

    public static ApplicationContext start() {
        return ApplicationContext.builder()
                // No cloud probing (it would make HTTP calls to metadata endpoints at cold start).
                .deduceEnvironment(false)
                .start();
    }
}
