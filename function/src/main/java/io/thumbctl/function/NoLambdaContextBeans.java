package io.thumbctl.function;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * micronaut-function-aws registers each invocation's Lambda {@link Context}, its logger, client
 * context and identity as singletons of the application context ({@code HandlerUtils}, called by
 * {@link ThumbnailHandler}). No bean here injects any of them, and the four registrations cost
 * 0.57 ms of a 25 ms warm invocation under the java21 runtime's C1 (async-profiler, 400 uploads of
 * a 4 MP photo: docs/benchmarks.md#where-a-warm-invocation-goes), so this factory registers
 * nothing. The module's other per-invocation work, the request id in the logging context, stays.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
final class NoLambdaContextBeans implements LambdaContextFactory {

    @Override
    public void registerSingletons(Context context) {
        // nothing to register: see the class comment
    }
}
