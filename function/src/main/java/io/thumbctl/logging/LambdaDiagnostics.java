package io.thumbctl.logging;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultDiagnosticInfoPopulator;
import io.micronaut.function.aws.DiagnosticInfoPopulator;
import io.micronaut.function.aws.XRayUtils;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

/**
 * What micronaut-function-aws puts in the logging context for each invocation. Its default adds
 * six {@code AWSFunction*} entries, which would become six more fields on every log line (the
 * JSON layout writes every MDC entry); we keep the two that tell invocations apart:
 * {@code requestId} and, when X-Ray is on, {@code xrayTraceId}. Both are cleared by
 * {@link #clear()} after the invocation.
 */
@Singleton
@Replaces(DefaultDiagnosticInfoPopulator.class)
public class LambdaDiagnostics implements DiagnosticInfoPopulator {

    public static final String REQUEST_ID = "requestId";
    public static final String XRAY_TRACE_ID = "xrayTraceId";

    @Override
    public void populateMappingDiagnosticContextValues(Context context) {
        if (context.getAwsRequestId() != null) {
            MDC.put(REQUEST_ID, context.getAwsRequestId());
        }
    }

    @Override
    public void populateMappingDiagnosticContextWithXrayTraceId() {
        XRayUtils.parseXrayTraceId().ifPresent(id -> MDC.put(XRAY_TRACE_ID, id));
    }

    /** Removes what this class and the handler put in the logging context. */
    public static void clear() {
        MDC.remove(REQUEST_ID);
        MDC.remove(XRAY_TRACE_ID);
    }
}
