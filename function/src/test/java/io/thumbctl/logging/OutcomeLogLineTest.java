package io.thumbctl.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.thumbctl.thumbnail.ObjectRef;
import io.thumbctl.thumbnail.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outcome line as Lambda's JSON log format receives it: one JSON object on one line, with the
 * fields DESIGN.md names, a level Lambda understands and an RFC 3339 timestamp.
 */
class OutcomeLogLineTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logger logger;
    Level previous;
    OutputStreamAppender<ILoggingEvent> appender;

    @BeforeEach
    void capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JsonLineLayout layout = new JsonLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        logger = context.getLogger("io.thumbctl.outcome");
        previous = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }

    Map<String, Object> onlyLine() throws Exception {
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        assertThat(text.strip()).doesNotContain("\n");
        return ObjectMapper.getDefault().readValue(text.strip(), Argument.mapOf(String.class, Object.class));
    }

    @Test
    void createdThumbnail_isOneJsonLine_withLevelMessageBucketKeyOutcome() throws Exception {
        new OutcomeLog().record(new Outcome.Created(new ObjectRef("photos", "a \"b\"\n.jpg", 10L, "e"),
                "photos", "thumbnails/a \"b\"\n.jpg", 128, 96, "image/jpeg", "turbojpeg-dc"));

        Map<String, Object> line = onlyLine();
        assertThat(line).containsEntry("level", "INFO").containsEntry("bucket", "photos")
                .containsEntry("key", "a \"b\"\n.jpg").containsEntry("outcome", "created")
                .containsEntry("decodePath", "turbojpeg-dc")
                .containsKeys("message", "timestamp");
        assertThat(Instant.parse((String) line.get("timestamp"))).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void retryableFailure_isAnErrorLine_withItsReason() throws Exception {
        new OutcomeLog().record(new Outcome.Failed(ObjectRef.of("photos", "x.jpg"), "throttled", true, "slow down"));

        assertThat(onlyLine()).containsEntry("level", "ERROR").containsEntry("outcome", "failed")
                .containsEntry("reason", "throttled").containsEntry("key", "x.jpg");
    }
}
