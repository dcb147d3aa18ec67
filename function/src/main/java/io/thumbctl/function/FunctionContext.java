package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;

/**
 * Builds the Micronaut context the function runs in: micronaut-function-aws's Lambda context
 * (environments {@code function} and {@code lambda}, configuration and singletons initialised
 * eagerly), so that it is built once per execution environment, during Lambda's init phase, and
 * bad configuration stops the function there rather than on the first upload.
 */
public final class FunctionContext {

    private FunctionContext() {
    }

    public static ApplicationContext start() {
        return new LambdaApplicationContextBuilder()
                // No cloud probing (it would make HTTP calls to metadata endpoints at cold start).
                .deduceEnvironment(false)
                .start();
    }
}
