package io.thumbctl.cli.local.jobs;

import io.thumbctl.cli.aws.ClientTimeouts;
import io.thumbctl.cli.job.BatchCsv;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A job's CSV manifest into its {@link TaskList}, as S3 Batch Operations reads one: the object
 * with the ETag the request names (else {@code ManifestETagMismatch}), each record with the
 * request's fields ({@code Bucket,Key[,VersionId]}, else {@code ManifestInvalid}).
 */
final class ManifestTasks {

    private final S3Client s3;
    private final ClientTimeouts timeouts;

    ManifestTasks(S3Client s3, ClientTimeouts timeouts) {
        this.s3 = s3;
        this.timeouts = timeouts;
    }

    /** @return the number of tasks */
    long read(JobSpec.Manifest manifest, TaskList list) throws JobFailedException, IOException {
        String bucket = JobSpec.bucketOf(manifest.objectArn());
        String key = JobSpec.keyOf(manifest.objectArn());
        String where = "s3://" + bucket + "/" + key;
        int bucketField = manifest.fields().indexOf("Bucket");
        int keyField = manifest.fields().indexOf("Key");
        int versionField = manifest.fields().indexOf("VersionId");
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key)
                .versionId(manifest.versionId()).ifMatch(manifest.etag() == null ? null : quote(manifest.etag()))
                .overrideConfiguration(timeouts.forCall()));
             CSVParser records = BatchCsv.READ.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
             TaskList.Writer out = list.writer()) {
            for (CSVRecord record : records) {
                if (record.size() != manifest.fields().size() || record.get(bucketField).isEmpty()
                        || record.get(keyField).isEmpty()) {
                    throw new JobFailedException("ManifestInvalid", "line " + records.getCurrentLineNumber() + " of "
                            + where + " does not have the fields " + manifest.fields() + ": "
                            + abbreviate(String.join(",", record.values())));
                }
                out.add(record.get(bucketField), record.get(keyField), versionField < 0 ? null : record.get(versionField));
            }
        } catch (UncheckedIOException e) {
            // Commons CSV's iterator wraps what the stream threw, or a malformed record.
            throw new JobFailedException("ManifestInvalid", where + " is not a CSV manifest: " + e.getMessage());
        } catch (S3Exception e) {
            throw switch (e.statusCode()) {
                case 404 -> new JobFailedException("ManifestNotFound", "no manifest at " + where);
                case 412 -> new JobFailedException("ManifestETagMismatch", "the manifest " + where
                        + " no longer has ETag " + manifest.etag());
                default -> new JobFailedException("ManifestUnreadable", "cannot read " + where + ": " + e.getMessage());
            };
        }
        return list.size();
    }

    private static String quote(String etag) {
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
