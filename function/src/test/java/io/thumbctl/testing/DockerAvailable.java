package io.thumbctl.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.TimeUnit;

/**
 * Enables a test class only where a Docker engine answers. LocalStack needs one; without it,
 * localstack-utils would fail the test instead of skipping it. The reason is printed, because a
 * skipped count alone does not tell a reader why.
 */
public final class DockerAvailable implements ExecutionCondition {

    private static volatile String unavailableReason;
    private static volatile boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = reason();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("a Docker engine is available");
        }
        String message = "skipping " + context.getDisplayName() + ": " + reason;
        System.err.println(message);
        return ConditionEvaluationResult.disabled(message);
    }

    private static synchronized String reason() {
        if (!checked) {
            unavailableReason = probe();
            checked = true;
        }
        return unavailableReason;
    }

    private static String probe() {
        try {
            Process docker = new ProcessBuilder("docker", "info", "--format", "{{.ServerVersion}}")
                    .redirectErrorStream(true).start();
            if (!docker.waitFor(10, TimeUnit.SECONDS)) {
                docker.destroyForcibly();
                return "no Docker engine (docker info did not answer in 10 s)";
            }
            String output = new String(docker.getInputStream().readAllBytes()).trim();
            return docker.exitValue() == 0 ? null : "no Docker engine (" + firstLine(output) + ")";
        } catch (Exception e) {
            return "no Docker engine (docker: " + e.getMessage() + ")";
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
