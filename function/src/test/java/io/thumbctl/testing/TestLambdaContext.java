package io.thumbctl.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;

/**
 * A Lambda {@link Context} as the runtime hands one to a handler: a request id and a deadline
 * that counts down from the moment it is made.
 */
public final class TestLambdaContext implements Context {

    private final String requestId;
    private final long deadlineMillis;

    private TestLambdaContext(String requestId, long timeoutMillis) {
        this.requestId = requestId;
        this.deadlineMillis = System.currentTimeMillis() + timeoutMillis;
    }

    /** An invocation that Lambda would end {@code timeoutMillis} from now. */
    public static TestLambdaContext withTimeout(long timeoutMillis) {
        return new TestLambdaContext("test-request", timeoutMillis);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/thumbctl-test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "thumbctl-test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:thumbctl-test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
