package io.thumbctl.cli.local.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON S3 Batch Operations sends a LambdaInvoke function (one task per invocation) and the
 * answer it expects back. Schema 2.0 names the bucket ({@code s3Bucket}) and carries the job's user
 * arguments; 1.0 gives the bucket's ARN ({@code s3BucketArn}). Keys are URL-encoded, as in the
 * manifest.
 */
final class BatchEvents {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String invocationSchemaVersion, String invocationId, Job job, List<Task> tasks) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Job(String id, @Nullable Map<String, String> userArguments) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Task(String taskId, String s3Key,
                @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String s3VersionId,
                @Nullable String s3Bucket, @Nullable String s3BucketArn) {
    }

    /** The function's answer. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(@Nullable String invocationSchemaVersion, @Nullable String treatMissingKeysAs,
                  @Nullable String invocationId, @Nullable List<Result> results) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(@Nullable String taskId, @Nullable String resultCode, @Nullable String resultString) {
    }

    private final JsonMapper json;

    BatchEvents(JsonMapper json) {
        this.json = json;
    }

    byte[] event(JobSpec spec, String jobId, String invocationId, String taskId, String bucket, String encodedKey,
                 @Nullable String versionId) throws IOException {
        boolean v2 = "2.0".equals(spec.invocationSchemaVersion());
        Task task = new Task(taskId, encodedKey, versionId, v2 ? bucket : null,
                v2 ? null : "arn:aws:s3:::" + bucket);
        Job job = new Job(jobId, v2 ? spec.userArguments() : null);
        return json.writeValueAsBytes(new Event(spec.invocationSchemaVersion(), invocationId, job, List.of(task)));
    }

    /** @throws IOException when the answer is not the JSON Batch Operations expects */
    Answer answer(byte[] bytes) throws IOException {
        return json.readValue(bytes, Answer.class);
    }
}
