package io.thumbctl.cli.job;

import java.util.Locale;

/**
 * A place in S3: a bucket and a key prefix, written {@code s3://bucket/prefix} as the AWS CLI
 * does. The prefix is kept without a trailing slash, because S3 Batch Operations puts its report
 * at {@code <prefix>/job-<id>/} and a trailing slash would double it.
 */
public record S3Location(String bucket, String prefix) {

    public S3Location {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("an S3 location needs a bucket");
        }
        prefix = trimSlashes(prefix == null ? "" : prefix);
    }

    /**
     * @throws IllegalArgumentException with a message fit for the user when {@code uri} is not
     *                                  {@code s3://bucket[/prefix]}
     */
    public static S3Location parse(String uri) {
        if (uri == null || !uri.toLowerCase(Locale.ROOT).startsWith("s3://") || uri.length() <= 5) {
            throw new IllegalArgumentException("'" + uri + "' is not an S3 location; write s3://BUCKET/PREFIX");
        }
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("'" + uri + "' names no bucket; write s3://BUCKET/PREFIX");
        }
        return new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    /** This location's bucket with {@code name} under the prefix: {@code s3://b/p} + {@code x} is {@code s3://b/p/x}. */
    public S3Location child(String name) {
        return new S3Location(bucket, prefix.isEmpty() ? name : prefix + "/" + name);
    }

    /** The folder that holds this prefix: {@code s3://b/a/reports} gives {@code s3://b/a}. */
    public S3Location parent() {
        int slash = prefix.lastIndexOf('/');
        return new S3Location(bucket, slash < 0 ? "" : prefix.substring(0, slash));
    }

    /** The key of {@code name} in this folder. */
    public String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The bucket's ARN, as S3 Control wants it. */
    public String bucketArn(String partition) {
        return "arn:" + partition + ":s3:::" + bucket;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/");
    }

    private static String trimSlashes(String prefix) {
        int start = 0;
        int end = prefix.length();
        while (start < end && prefix.charAt(start) == '/') {
            start++;
        }
        while (end > start && prefix.charAt(end - 1) == '/') {
            end--;
        }
        return prefix.substring(start, end);
    }
}
