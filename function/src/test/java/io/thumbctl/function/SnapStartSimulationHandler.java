package io.thumbctl.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * For the cold-start benchmark only (bench/coldstart): the function as a SnapStart-restored
 * environment runs it. Its init does what Lambda does around a snapshot — build the handler,
 * call the priming hook, then the restore hook — so the first invocation's duration shows what
 * priming buys. The snapshot and the restore themselves cannot be reproduced off Lambda, so the
 * restore's own latency is not in the figures.
 */
public class SnapStartSimulationHandler implements RequestStreamHandler {

    private final ThumbnailHandler handler;

    public SnapStartSimulationHandler() {
        io.micronaut.context.ApplicationContext context = FunctionContext.start();
        this.handler = new ThumbnailHandler(context);
        SnapStartPriming priming = new SnapStartPriming(context);
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handler.handleRequest(input, output, context);
    }
}
