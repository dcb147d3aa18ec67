package io.thumbctl.cli.local.jobs;

import io.thumbctl.cli.aws.ClientTimeouts;
import io.thumbctl.cli.job.ManifestKeys;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;

/**
 * S3's manifest generator: the source bucket's keys that match the filter, into the job's
 * {@link TaskList}, and, with {@code EnableManifestOutput}, that list written out as
 * {@code PREFIX/job-ID/manifest.csv}.
 */
final class BucketListingTasks {

    private final S3Client s3;
    private final ClientTimeouts timeouts;

    BucketListingTasks(S3Client s3, ClientTimeouts timeouts) {
        this.s3 = s3;
        this.timeouts = timeouts;
    }

    /** @return the number of tasks */
    long list(JobSpec.Generator generator, String jobId, TaskList list) throws JobFailedException, IOException {
        String bucket = JobSpec.bucketOf(generator.sourceBucketArn());
        try (TaskList.Writer out = list.writer()) {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(generator.matchAnyPrefix())
                    .overrideConfiguration(timeouts.forCall())).contents()) {
                if (generator.matches(object.key())) {
                    out.add(bucket, ManifestKeys.encode(object.key()), null);
                }
            }
        } catch (NoSuchBucketException e) {
            throw new JobFailedException("SourceBucketNotFound", "the source bucket " + bucket + " does not exist");
        }
        if (generator.enableManifestOutput()) {
            String prefix = generator.outputPrefix() == null || generator.outputPrefix().isEmpty() ? ""
                    : generator.outputPrefix().replaceAll("/+$", "") + "/";
            String key = prefix + "job-" + jobId + "/manifest.csv";
            long size = Files.size(list.file());
            s3.putObject(b -> b.bucket(JobSpec.bucketOf(generator.outputBucketArn())).key(key)
                    .contentType("text/csv").overrideConfiguration(timeouts.forUpload(size)),
                    RequestBody.fromFile(list.file()));
        }
        return list.size();
    }
}
