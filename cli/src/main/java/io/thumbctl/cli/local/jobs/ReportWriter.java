package io.thumbctl.cli.local.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.thumbctl.cli.aws.ClientTimeouts;
import io.thumbctl.cli.job.BatchCsv;
import io.micronaut.serde.annotation.Serdeable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A job's completion report in S3 Batch Operations' layout: {@code <prefix>/job-<id>/manifest.json}
 * lists the result files, {@code <prefix>/job-<id>/results/<sha1>.csv}, one per task execution
 * status (the failed tasks only, with {@code FailedTasksOnly}). Each row: Bucket, Key (as in the
 * manifest), VersionId, TaskStatus ({@code succeeded}/{@code failed}), the HTTP status, the error
 * code, ResultMessage, without a header, in the column order AWS's example reports show. Rows
 * collect in temporary files while the job runs; {@link #publish} uploads them.
 */
final class ReportWriter implements AutoCloseable {

    static final String FORMAT = "Report_CSV_20180820";
    static final String SCHEMA = "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage";

    @Serdeable
    record Manifest(@JsonProperty("Format") String format, @JsonProperty("ReportCreationDate") String created,
                    @JsonProperty("Results") List<ResultFile> results, @JsonProperty("ReportSchema") String schema) {
    }

    @Serdeable
    record ResultFile(@JsonProperty("TaskExecutionStatus") String status, @JsonProperty("Bucket") String bucket,
                      @JsonProperty("MD5Checksum") String md5, @JsonProperty("Key") String key) {
    }

    private final boolean allTasks;
    private final Path succeeded;
    private final Path failed;
    private final Writer succeededRows;
    private final Writer failedRows;
    private long rows;

    ReportWriter(boolean allTasks) throws IOException {
        this.allTasks = allTasks;
        this.succeeded = Files.createTempFile("thumbctl-report-succeeded-", ".csv");
        this.failed = Files.createTempFile("thumbctl-report-failed-", ".csv");
        this.succeededRows = Files.newBufferedWriter(succeeded, StandardCharsets.UTF_8);
        this.failedRows = Files.newBufferedWriter(failed, StandardCharsets.UTF_8);
    }

    synchronized void succeeded(String bucket, String key, @Nullable String version, @Nullable String message)
            throws IOException {
        if (allTasks) {
            row(succeededRows, bucket, key, version, "succeeded", "", message);
        }
    }

    synchronized void failed(String bucket, String key, @Nullable String version, String code, @Nullable String message)
            throws IOException {
        row(failedRows, bucket, key, version, "failed", code, message);
    }

    private void row(Writer out, String bucket, String key, String version, String status, String code, String message)
            throws IOException {
        BatchCsv.reportRow(out, bucket, key, version, status, "200", code, message);
        rows++;
    }

    /**
     * Uploads the result files and the top-level manifest.json under {@code <prefix>/job-<id>/}.
     *
     * @return the manifest.json's key
     */
    synchronized String publish(S3Client s3, ClientTimeouts timeouts, JsonMapper json, String bucket,
                                @Nullable String prefix, String jobId) throws IOException {
        succeededRows.close();
        failedRows.close();
        String folder = (prefix == null || prefix.isEmpty() ? "" : stripSlash(prefix) + "/") + "job-" + jobId;
        List<ResultFile> results = new ArrayList<>();
        upload(s3, timeouts, bucket, folder, jobId, "succeeded", succeeded, results);
        upload(s3, timeouts, bucket, folder, jobId, "failed", failed, results);
        String manifestKey = folder + "/manifest.json";
        byte[] manifest = json.writeValueAsBytes(new Manifest(FORMAT, Instant.now().toString(), results, SCHEMA));
        s3.putObject(b -> b.bucket(bucket).key(manifestKey).contentType("application/json")
                        .overrideConfiguration(timeouts.forUpload(manifest.length)),
                RequestBody.fromBytes(manifest));
        return manifestKey;
    }

    private static void upload(S3Client s3, ClientTimeouts timeouts, String bucket, String folder, String jobId,
                               String status, Path rows, List<ResultFile> results) throws IOException {
        long size = Files.size(rows);
        if (size == 0) {
            return;
        }
        String key = folder + "/results/" + hex("SHA-1", (jobId + "/" + status).getBytes(StandardCharsets.UTF_8)) + ".csv";
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv").overrideConfiguration(timeouts.forUpload(size)),
                RequestBody.fromFile(rows));
        results.add(new ResultFile(status, bucket, md5(rows), key));
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() {
        try {
            succeededRows.close();
            failedRows.close();
            Files.deleteIfExists(succeeded);
            Files.deleteIfExists(failed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static String md5(Path file) throws IOException {
        MessageDigest md5 = digest("MD5");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static String hex(String algorithm, byte[] bytes) {
        return HexFormat.of().formatHex(digest(algorithm).digest(bytes));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }
}
