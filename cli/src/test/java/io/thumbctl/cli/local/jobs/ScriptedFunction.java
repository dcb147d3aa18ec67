package io.thumbctl.cli.local.jobs;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the thumbnail function that answers S3 Batch Operations events as the contract
 * says the real one will, with a result chosen by the (decoded) key's name:
 * {@code corrupt} in the name: PermanentFailure "corrupt: ..."; {@code broken}: PermanentFailure
 * "unsupported-format: ..." (what the function says of the runbook's broken.jpg); {@code flaky}: TemporaryFailure
 * the first two times, then Succeeded; {@code stuck}: always TemporaryFailure; {@code crash}: a
 * function error (an exception); {@code garbage}: an answer that is not JSON; anything else:
 * Succeeded. Every event it gets is kept for the tests to look at.
 */
public final class ScriptedFunction implements BatchFunction {

    /** One invocation as the function saw it. */
    public record Invocation(String schema, String invocationId, String jobId, Map<String, Object> userArguments,
                             String taskId, String encodedKey, String key, Object versionId, String bucket,
                             String bucketArn) {
    }

    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public byte[] invoke(byte[] bytes) throws Exception {
        Map<String, Object> event = json().readValue(bytes, Argument.mapOf(String.class, Object.class));
        Map<String, Object> job = (Map<String, Object>) event.get("job");
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) event.get("tasks");
        List<Map<String, Object>> results = new ArrayList<>();
        for (Map<String, Object> task : tasks) {
            String encoded = (String) task.get("s3Key");
            String key = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
            invocations.add(new Invocation((String) event.get("invocationSchemaVersion"),
                    (String) event.get("invocationId"), (String) job.get("id"),
                    (Map<String, Object>) job.get("userArguments"), (String) task.get("taskId"), encoded, key,
                    task.containsKey("s3VersionId") ? task.get("s3VersionId") : "absent",
                    (String) task.get("s3Bucket"), (String) task.get("s3BucketArn")));
            int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (key.contains("crash")) {
                throw new IllegalStateException("the stand-in function crashed on " + key);
            }
            if (key.contains("garbage")) {
                return "this is not JSON".getBytes(StandardCharsets.UTF_8);
            }
            String code;
            String message;
            if (key.contains("corrupt")) {
                code = "PermanentFailure";
                message = "corrupt: not a decodable image";
            } else if (key.contains("broken")) {
                code = "PermanentFailure";
                message = "unsupported-format: no image reader recognises this file";
            } else if (key.contains("stuck") || key.contains("flaky") && attempt <= 2) {
                code = "TemporaryFailure";
                message = "throttled: SlowDown";
            } else {
                code = "Succeeded";
                message = "created";
            }
            results.add(Map.of("taskId", task.get("taskId"), "resultCode", code, "resultString", message));
        }
        return json().writeValueAsBytes(Map.of("invocationSchemaVersion", event.get("invocationSchemaVersion"),
                "treatMissingKeysAs", "PermanentFailure", "invocationId", event.get("invocationId"),
                "results", results));
    }

    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    public List<Invocation> invocationsOf(String jobId) {
        return invocations.stream().filter(i -> jobId.equals(i.jobId())).toList();
    }

    public int attempts(String key) {
        AtomicInteger n = attempts.get(key);
        return n == null ? 0 : n.get();
    }

    private static ObjectMapper json() {
        return ObjectMapper.getDefault();
    }
}
