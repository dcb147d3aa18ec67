package io.thumbctl.function;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads the handler the way the Lambda Java runtime does: by class name, through its no-arg
 * constructor, configured only by the environment (here: system properties, which Micronaut
 * reads like environment variables), then invoked with a stream in, a stream out and a Context.
 */
class ThumbnailHandlerLambdaLoadTest {

    S3TestServer s3;
    Map<String, Object> properties;

    @BeforeEach
    void start() {
        s3 = S3TestServer.start();
        s3.createBucket("uploads");
        properties = s3.clientProperties();
        properties.forEach((k, v) -> System.setProperty(k, v.toString()));
    }

    @AfterEach
    void stop() throws Exception {
        properties.keySet().forEach(System::clearProperty);
        s3.close();
    }

    @Test
    void handlerLoadedByName_makesTheThumbnail() throws Exception {
        byte[] photo = TestImages.jpeg(1024, 768);
        String etag = s3.put("uploads", "phone/IMG 0001.JPG", photo, "image/jpeg");
        Class<?> type = Class.forName("io.thumbctl.function.ThumbnailHandler");
        RequestStreamHandler handler = (RequestStreamHandler) type.getDeclaredConstructor().newInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(S3Events.event(
                S3Events.created("uploads", "phone/IMG 0001.JPG", photo.length, etag))), out, new FakeContext());

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"created\"");
        assertThat(s3.head("uploads", "thumbnails/phone/IMG 0001.JPG")).get()
                .satisfies(h -> assertThat(h.contentType()).isEqualTo("image/jpeg"));
        ((AutoCloseable) handler).close();
    }

    /** What the runtime hands in; only the request id is used. */
    static final class FakeContext implements Context {
        public String getAwsRequestId() {
            return "8f5c3a7e-0000-4000-8000-000000000001";
        }

        public String getLogGroupName() {
            return "/aws/lambda/thumbnails";
        }

        public String getLogStreamName() {
            return "2026/11/22/[$LATEST]0000";
        }

        public String getFunctionName() {
            return "thumbnails";
        }

        public String getFunctionVersion() {
            return "$LATEST";
        }

        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:thumbnails";
        }

        public CognitoIdentity getIdentity() {
            return null;
        }

        public ClientContext getClientContext() {
            return null;
        }

        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        public int getMemoryLimitInMB() {
            return 512;
        }

        public LambdaLogger getLogger() {
            return null;
        }
    }
}
