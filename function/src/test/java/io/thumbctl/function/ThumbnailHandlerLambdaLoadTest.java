package io.thumbctl.function;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextProvider;
import io.thumbctl.config.InvalidSettingsException;
import io.thumbctl.testing.S3Events;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void handlerLoadedByName_runsInMicronautFunctionAwsLambdaContext_andPutsTheRequestIdInTheLogs() throws Exception {
        byte[] photo = TestImages.jpeg(300, 200);
        String etag = s3.put("uploads", "ctx/photo.jpg", photo, "image/jpeg");
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName("io.thumbctl.function.ThumbnailHandler")
                .getDeclaredConstructor().newInstance();
        ApplicationContext context = ((ApplicationContextProvider) handler).getApplicationContext();
        FakeContext lambdaContext = new FakeContext();
        Logger outcomes = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.thumbctl.outcome");
        ListAppender<ILoggingEvent> lines = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent line) {
                line.prepareForDeferredProcessing(); // takes the MDC now, while the invocation runs
                super.append(line);
            }
        };
        lines.start();
        ch.qos.logback.classic.Level level = outcomes.getLevel();
        outcomes.setLevel(ch.qos.logback.classic.Level.INFO);
        outcomes.setAdditive(false);
        outcomes.addAppender(lines);
        try {
            handler.handleRequest(new ByteArrayInputStream(S3Events.event(
                    S3Events.created("uploads", "ctx/photo.jpg", photo.length, etag))), new ByteArrayOutputStream(), lambdaContext);
        } finally {
            outcomes.detachAppender(lines);
            outcomes.setAdditive(true);
            outcomes.setLevel(level);
        }

        assertThat(context.getEnvironment().getActiveNames()).contains("function", "lambda");
        assertThat(context.getBean(io.micronaut.function.aws.LambdaContextFactory.class))
                .as("the module's per-invocation registration, without its four singletons")
                .isInstanceOf(NoLambdaContextBeans.class);
        assertThat(context.findBean(com.amazonaws.services.lambda.runtime.Context.class)).isEmpty();
        assertThat(lines.list).singleElement().satisfies(line -> assertThat(line.getMDCPropertyMap())
                .containsEntry("requestId", lambdaContext.getAwsRequestId())
                .containsEntry("route", "s3").containsEntry("item", "Records[0]")
                .doesNotContainKey("AWSFunctionName"));
        assertThat(MDC.get("requestId")).as("cleared after the invocation").isNull();
        ((AutoCloseable) handler).close();
    }

    @Test
    void badConfiguration_failsTheRuntimesConstructor_atInit() {
        System.setProperty("thumbnail.width", "-5");
        try {
            assertThatThrownBy(() -> Class.forName("io.thumbctl.function.ThumbnailHandler").getDeclaredConstructor().newInstance())
                    .isInstanceOf(InvocationTargetException.class)
                    .rootCause().isInstanceOf(InvalidSettingsException.class).hasMessageContaining("thumbnail.width");
        } finally {
            System.clearProperty("thumbnail.width");
        }
    }

    @Test
    void configurationThatWouldRecurse_failsTheRuntimesConstructor_atInit() {
        System.setProperty("thumbnail.prefix", "");
        try {
            assertThatThrownBy(() -> Class.forName("io.thumbctl.function.ThumbnailHandler").getDeclaredConstructor().newInstance())
                    .isInstanceOf(InvocationTargetException.class)
                    .rootCause().isInstanceOf(InvalidSettingsException.class).hasMessageContaining("recurse");
        } finally {
            System.clearProperty("thumbnail.prefix");
        }
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
