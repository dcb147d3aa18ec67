package io.thumbctl.cli.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Provider;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a finished job's completion report, as S3 Batch Operations lays it out:
 * {@code <prefix>/job-<id>/manifest.json} names the result files
 * ({@code <prefix>/job-<id>/results/*.csv}, one set per task execution status), and each result
 * file has one line per task, without a header: Bucket, Key, VersionId, TaskStatus, then the HTTP
 * status and the error code, then ResultMessage. (AWS's schema line names the middle columns
 * "ErrorCode, HTTPStatusCode", but its example files carry {@code 200,PermanentFailure}: this
 * reader takes whichever of the two is a number as the HTTP status.) Only the first few failed
 * tasks are read, streaming; the report may be as large as the bucket.
 */
public class CompletionReports {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionReports.class);

    /** Failed tasks a summary shows. */
    public static final int FAILURES_SHOWN = 10;

    /**
     * What the report says about failed tasks.
     *
     * @param location {@code s3://.../job-<id>/manifest.json}
     * @param failures the first failed tasks, in the report's order
     * @param problem  why the report could not be read, or {@code null}
     */
    @Serdeable
    public record Summary(String location, List<FailedTask> failures, @Nullable String problem) {
    }

    /** A failed task: its (decoded) key, the error code ({@code PermanentFailure}, ...) and the message. */
    @Serdeable
    public record FailedTask(String key, String code, String message) {
    }

    @Serdeable
    record ReportManifest(@JsonProperty("Results") @Nullable List<ResultFile> results) {
    }

    @Serdeable
    record ResultFile(@JsonProperty("TaskExecutionStatus") String status, @JsonProperty("Bucket") String bucket,
                      @JsonProperty("Key") String key) {
    }

    private final Provider<S3Client> s3;
    private final JsonMapper json;

    public CompletionReports(Provider<S3Client> s3, JsonMapper json) {
        this.s3 = s3;
        this.json = json;
    }

    /** The report's top-level manifest of job {@code jobId} under the report prefix. */
    public static S3Location folder(S3Location report, String jobId) {
        return report.child("job-" + jobId);
    }

    public Summary read(S3Location report, String jobId, int max) {
        S3Location folder = folder(report, jobId);
        String manifestKey = folder.key("manifest.json");
        String location = "s3://" + folder.bucket() + "/" + manifestKey;
        try {
            ReportManifest manifest = json.readValue(
                    s3.get().getObjectAsBytes(b -> b.bucket(folder.bucket()).key(manifestKey)).asByteArray(),
                    ReportManifest.class);
            List<FailedTask> failures = new ArrayList<>();
            if (manifest.results() != null) {
                for (ResultFile file : manifest.results()) {
                    if ("failed".equalsIgnoreCase(file.status()) && failures.size() < max) {
                        readFailures(file, max, failures);
                    }
                }
            }
            return new Summary(location, failures, null);
        } catch (S3Exception e) {
            LOG.debug("cannot read the report {}", location, e);
            return new Summary(location, List.of(), e.statusCode() == 404
                    ? "no report there (S3 writes one once at least one task ran)"
                    : "cannot read it: " + AwsMessages.of(e));
        } catch (IOException | SdkException e) {
            LOG.debug("cannot read the report {}", location, e);
            return new Summary(location, List.of(), "cannot read it: " + e.getMessage());
        }
    }

    private void readFailures(ResultFile file, int max, List<FailedTask> failures) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.get().getObject(b -> b.bucket(file.bucket()).key(file.key()));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (CSVRecord row : BatchCsv.READ.parse(reader)) {
                if (failures.size() >= max) {
                    break;
                }
                failures.add(failedTask(row.toList()));
            }
            // The rest of a large file is left unread: closing aborts the download.
            in.abort();
        }
    }

    static FailedTask failedTask(List<String> row) {
        String key = row.size() > 1 ? ManifestKeys.decode(row.get(1)) : "";
        String a = row.size() > 4 ? row.get(4) : "";
        String b = row.size() > 5 ? row.get(5) : "";
        String code = isNumber(a) ? b : a;
        String message = row.size() > 6 ? String.join(",", row.subList(6, row.size())) : "";
        return new FailedTask(key, code, message);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
