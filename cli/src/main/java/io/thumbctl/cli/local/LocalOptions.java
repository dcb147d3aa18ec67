package io.thumbctl.cli.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What local mode runs: where it listens, where it keeps its objects, which buckets exist from the
 * start, and any extra Micronaut properties for the function (for example
 * {@code thumbnail.target-bucket}); without them the function reads its usual configuration
 * ({@code THUMBNAIL_*} environment variables).
 *
 * @param port               TCP port on 127.0.0.1; 0 picks a free one
 * @param dataDir            the filesystem store: one directory per bucket, one file per object
 * @param buckets            buckets to create when missing
 * @param functionProperties Micronaut properties for the function's context
 */
public record LocalOptions(int port, Path dataDir, List<String> buckets, Map<String, Object> functionProperties) {

    public static final int DEFAULT_PORT = 9000;
    public static final String DEFAULT_BUCKET = "photos";

    // S3's rules for new bucket names (lowercase letters, digits, dots, hyphens; 3-63 characters).
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public LocalOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        buckets = buckets == null || buckets.isEmpty() ? List.of(DEFAULT_BUCKET) : List.copyOf(buckets);
        for (String bucket : buckets) {
            requireValidBucketName(bucket);
        }
        functionProperties = functionProperties == null ? Map.of() : Map.copyOf(functionProperties);
    }

    static String requireValidBucketName(String bucket) {
        if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("'" + bucket + "' is not a valid S3 bucket name: use 3 to 63 "
                    + "lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit");
        }
        return bucket;
    }
}
