package io.thumbctl.cli.job;

import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything that defines one Batch Operations backfill job, before it is submitted.
 *
 * @param account     the job's account: the role's
 * @param partition   {@code aws}, {@code aws-cn}, ... (the role's), for the S3 ARNs
 * @param manifest    the uploaded CSV manifest; {@code null} with S3's manifest generator
 * @param manifests   where manifests go: the CSV manifest, or the generator's output
 */
public record JobDefinition(String account, String partition, String sourceBucket, String prefix,
                            String functionArn, String roleArn, S3Location report, ReportScope reportScope,
                            int priority, ManifestMode mode, @Nullable ManifestObject manifest, S3Location manifests) {

    /** The uploaded CSV manifest: where it is and which bytes (its ETag). */
    public record ManifestObject(String bucket, String key, String etag) {
    }

    /** AWS's limit for a job description. */
    static final int MAX_DESCRIPTION = 256;
    /** AWS's limit for a client request token. */
    static final int MAX_TOKEN = 64;

    /** Shown in the console and in ListJobs; fixed by the definition, so a resubmission sends the same request. */
    public String description() {
        String text = "thumbctl backfill of s3://" + sourceBucket + "/" + prefix + " (" + mode + " manifest)";
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION);
    }

    /**
     * The job's ClientRequestToken. S3 creates one job per token, so a submission retried after a
     * lost answer (a dropped connection, a killed terminal) finds the job the first attempt created
     * instead of starting a second one. "The same backfill" is: the same definition (account, bucket,
     * prefix, function, role, report, priority, manifest mode and, for a CSV manifest, the same
     * list of keys, by content) on the same UTC day. A week later, or after new uploads change the
     * CSV manifest, the same command starts a new job, which is what an operator running a
     * backfill again means; within the day, running it again is safe. (Around midnight UTC a retry
     * may start a second job: harmless, since the function skips thumbnails that are up to date.)
     */
    public String clientRequestToken(LocalDate utcDay) {
        List<String> parts = List.of("thumbctl-backfill-v1", account, partition, sourceBucket, prefix, functionArn,
                roleArn, report.toString(), reportScope.toString(), Integer.toString(priority), mode.toString(),
                manifest == null ? "-" : manifest.bucket() + "/" + manifest.key() + "@" + manifest.etag(),
                manifests.toString(), utcDay.toString());
        String token = "thumbctl-" + HexFormat.of().formatHex(sha256(String.join("\n", parts))).substring(0, 40);
        assert token.length() <= MAX_TOKEN;
        return token;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
