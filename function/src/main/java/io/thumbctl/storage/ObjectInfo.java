package io.thumbctl.storage;

import java.time.Instant;
import java.util.Map;

/**
 * What S3 says about an object without its bytes.
 *
 * @param etag     without the surrounding quotes S3 puts on the wire
 * @param metadata user metadata (x-amz-meta-*), lower-case names; empty from listings
 */
public record ObjectInfo(String bucket, String key, long size, String etag, Instant lastModified,
                         Map<String, String> metadata) {

    public ObjectInfo {
        etag = unquote(etag);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    static String unquote(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }
}
