package io.thumbctl.event;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * S3 notifications carry keys form-encoded: {@code +} is a space, {@code %XX} are UTF-8 bytes.
 * AWS's own samples forget this and fail on the first photo named "My Photo.jpg".
 */
public final class S3Keys {

    private S3Keys() {
    }

    /** @throws IllegalArgumentException for a malformed {@code %} sequence */
    public static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    /** The encoding S3 applies to keys in notifications (spaces as {@code +}). */
    public static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8);
    }
}
