package io.thumbctl.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Map;

/**
 * Logback's configuration on Lambda, in code: one {@link JsonLineLayout} line per event on
 * stdout, {@code io.thumbctl} at the function's application log level, everything else at WARN.
 *
 * <p>Why not logback.xml there: parsing it pulls in the JDK's XML parser and Joran, about 0.2 s of
 * a cold start. Off Lambda this configurator steps aside and the usual files apply (logback.xml,
 * logback-test.xml, the CLI's own).
 *
 * <p>With the function's log format set to JSON, Lambda passes each line through as the JSON
 * object it is, takes its {@code level} for log-level filtering and its RFC 3339 {@code timestamp},
 * and sets {@code AWS_LAMBDA_LOG_LEVEL} to the configured application log level, which is honoured
 * here so filtered-out lines are not even formatted.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public class LambdaLogConfigurator extends ContextAwareBase implements Configurator {

    private final Map<String, String> environment;

    /** Used by logback (found through {@code META-INF/services}). */
    public LambdaLogConfigurator() {
        this(System.getenv());
    }

    LambdaLogConfigurator(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!environment.containsKey("LAMBDA_TASK_ROOT") || !environment.containsKey("AWS_LAMBDA_FUNCTION_NAME")) {
            return ExecutionStatus.NEUTRAL;
        }
        JsonLineLayout layout = new JsonLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stdout);
        context.getLogger("io.thumbctl").setLevel(applicationLevel());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Lambda's level names are logback's, plus FATAL. Unset or unknown: INFO. */
    Level applicationLevel() {
        String configured = environment.getOrDefault("AWS_LAMBDA_LOG_LEVEL", "INFO");
        return "FATAL".equalsIgnoreCase(configured) ? Level.ERROR : Level.toLevel(configured, Level.INFO);
    }
}
