package io.thumbctl.cli.local.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * One task as S3 Batch Operations runs it: a synchronous invocation of the function with the
 * task's event, redriven after a {@code TemporaryFailure} or a function error (up to
 * {@code maxAttempts} in all, with a doubling pause), and the last attempt's result.
 */
final class TaskAttempts {

    /** One attempt's result: Succeeded, TemporaryFailure, PermanentFailure, or a function error. */
    record Attempt(String code, String message, boolean retryable) {
        boolean succeeded() {
            return "Succeeded".equals(code);
        }
    }

    private final LocalJob job;
    private final LocalJobs.Runtime runtime;
    private final LocalJobs.Settings settings;

    TaskAttempts(LocalJob job, LocalJobs.Runtime runtime, LocalJobs.Settings settings) {
        this.job = job;
        this.runtime = runtime;
        this.settings = settings;
    }

    /** @return the result the report shows for the task */
    Attempt run(TaskList.Task task) {
        String taskId = id();
        Attempt attempt = null;
        try {
            for (int n = 1; n <= settings.maxAttempts(); n++) {
                attempt = invoke(task, taskId);
                if (!attempt.retryable() || n == settings.maxAttempts()) {
                    break;
                }
                Thread.sleep(settings.firstRetryDelay().toMillis() << (n - 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt = new Attempt("TemporaryFailure", "thumbctl local stopped while the task waited for a redrive", true);
        }
        return attempt;
    }

    private Attempt invoke(TaskList.Task task, String taskId) {
        String invocationId = id();
        byte[] answer;
        try {
            answer = runtime.function().invoke(runtime.events().event(job.spec(), job.id(), invocationId, taskId,
                    task.bucket(), task.encodedKey(), task.version()));
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            return new Attempt("PermanentFailure", "Lambda returned function error: {\"errorMessage\":\""
                    + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}", true);
        }
        BatchEvents.Answer parsed;
        try {
            parsed = runtime.events().answer(answer);
        } catch (IOException e) {
            return new Attempt("PermanentFailure", "Invalid JSON returned in Lambda payload", false);
        }
        BatchEvents.Result result = parsed.results() == null ? null : parsed.results().stream()
                .filter(r -> taskId.equals(r.taskId())).findFirst().orElse(null);
        if (result == null || result.resultCode() == null) {
            String missing = parsed.treatMissingKeysAs() == null ? "PermanentFailure" : parsed.treatMissingKeysAs();
            return new Attempt(missing, "the answer has no result for task " + taskId, "TemporaryFailure".equals(missing));
        }
        return switch (result.resultCode()) {
            case "Succeeded", "PermanentFailure" -> new Attempt(result.resultCode(), result.resultString(), false);
            case "TemporaryFailure" -> new Attempt("TemporaryFailure", result.resultString(), true);
            default -> new Attempt("PermanentFailure", "unknown resultCode " + result.resultCode(), false);
        };
    }

    /** Task and invocation ids: opaque, unique, like AWS's. */
    private static String id() {
        UUID uuid = UUID.randomUUID();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (uuid.getMostSignificantBits() + ":" + uuid.getLeastSignificantBits()).getBytes(StandardCharsets.US_ASCII));
    }
}
