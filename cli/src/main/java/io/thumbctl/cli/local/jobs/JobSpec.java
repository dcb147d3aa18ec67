package io.thumbctl.cli.local.jobs;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * A CreateJob request as the local job API understood it: a LambdaInvoke job over a CSV manifest
 * or S3's manifest generator, with its completion report. Two requests are the same job request
 * when their specs are equal (that is how a reused client request token is judged).
 */
record JobSpec(String account, String clientRequestToken, @Nullable String description, int priority,
               String roleArn, boolean confirmationRequired, String functionArn, String invocationSchemaVersion,
               Map<String, String> userArguments, Report report, @Nullable Manifest manifest,
               @Nullable Generator generator) {

    /** {@code Report}: where the completion report goes, if anywhere. */
    record Report(boolean enabled, @Nullable String bucketArn, @Nullable String prefix, @Nullable String format,
                  @Nullable String scope) {

        boolean allTasks() {
            return !"FailedTasksOnly".equals(scope);
        }
    }

    /** {@code Manifest}: a CSV manifest object and the ETag it must have. */
    record Manifest(String format, List<String> fields, String objectArn, @Nullable String etag,
                    @Nullable String versionId) {
    }

    /** {@code ManifestGenerator.S3JobManifestGenerator}: list the bucket, optionally filtered by key. */
    record Generator(String sourceBucketArn, @Nullable String expectedBucketOwner, boolean enableManifestOutput,
                     @Nullable String outputBucketArn, @Nullable String outputPrefix, @Nullable String outputFormat,
                     @Nullable String matchAnyPrefix, @Nullable String matchAnySuffix,
                     @Nullable String matchAnySubstring) {

        boolean matches(String key) {
            return (matchAnyPrefix == null || key.startsWith(matchAnyPrefix))
                    && (matchAnySuffix == null || key.endsWith(matchAnySuffix))
                    && (matchAnySubstring == null || key.contains(matchAnySubstring));
        }
    }

    /** The bucket an S3 ARN names ({@code arn:aws:s3:::bucket}, or {@code arn:aws:s3:::bucket/key} for its bucket). */
    static String bucketOf(String arn) {
        String resource = resource(arn);
        int slash = resource.indexOf('/');
        return slash < 0 ? resource : resource.substring(0, slash);
    }

    /** The key an object ARN names ({@code arn:aws:s3:::bucket/key}). */
    static String keyOf(String objectArn) {
        String resource = resource(objectArn);
        int slash = resource.indexOf('/');
        return slash < 0 ? "" : resource.substring(slash + 1);
    }

    /** {@code arn:partition:service:region:account:resource}: the resource, which may hold colons itself. */
    private static String resource(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !"arn".equals(parts[0]) || !"s3".equals(parts[2])) {
            throw JobApiException.invalid("'" + arn + "' is not an S3 ARN");
        }
        return parts[5];
    }
}
