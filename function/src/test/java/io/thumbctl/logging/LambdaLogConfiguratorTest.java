package io.thumbctl.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LambdaLogConfiguratorTest {

    static final Map<String, String> LAMBDA = Map.of("LAMBDA_TASK_ROOT", "/var/task",
            "AWS_LAMBDA_FUNCTION_NAME", "thumbctl");

    @Test
    void offLambda_stepsAsideForTheXmlFiles() {
        LoggerContext context = new LoggerContext();

        assertThat(new LambdaLogConfigurator(Map.of()).configure(context)).isEqualTo(ExecutionStatus.NEUTRAL);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    @Test
    void onLambda_writesJsonLinesToStdout_atInfoByDefault() {
        LoggerContext context = new LoggerContext();

        assertThat(new LambdaLogConfigurator(LAMBDA).configure(context))
                .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.thumbctl.outcome").getEffectiveLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<?> stdout = (ConsoleAppender<?>) root.getAppender("STDOUT");
        assertThat(stdout.isStarted()).isTrue();
        assertThat(((LayoutWrappingEncoder<?>) stdout.getEncoder()).getLayout()).isInstanceOf(JsonLineLayout.class);
    }

    @Test
    void lambdasApplicationLogLevel_isHonoured() {
        Map<String, String> env = new java.util.HashMap<>(LAMBDA);
        env.put("AWS_LAMBDA_LOG_LEVEL", "WARN");
        LoggerContext context = new LoggerContext();
        new LambdaLogConfigurator(env).configure(context);
        assertThat(context.getLogger("io.thumbctl.outcome").getEffectiveLevel()).isEqualTo(Level.WARN);

        env.put("AWS_LAMBDA_LOG_LEVEL", "FATAL");
        assertThat(new LambdaLogConfigurator(env).applicationLevel()).isEqualTo(Level.ERROR);
    }
}
