package io.thumbctl.cli.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Object keys as S3 Batch Operations wants them in a manifest ("the contents of the manifest must
 * be URL-encoded") and hands them to the function. AWS does not say which flavour of URL encoding;
 * this one reads the same under every decoder AWS's samples use (form decoding, where {@code +} is
 * a space, and plain percent-decoding, where it is a plus): every byte outside
 * {@code A-Z a-z 0-9 - _ . ~ /} is written {@code %XX} in UTF-8, so a space is {@code %20} and a
 * plus {@code %2B}. The slash stays readable. No comma, quote or line break survives unencoded, so
 * a key needs no CSV quoting.
 */
public final class ManifestKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestKeys.class);

    private ManifestKeys() {
    }

    /** The SDK's own RFC 3986 encoder (the one it signs request paths with), slashes kept. */
    public static String encode(String key) {
        return SdkHttpUtils.urlEncodeIgnoreSlashes(key);
    }

    /**
     * The key a manifest or report line names, decoded as the function decodes it (form decoding).
     * A line that is not valid encoding is shown as it stands rather than refused: a report is read
     * to be shown.
     */
    public static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            LOG.debug("key {} is not URL-encoded; taken as it is", encoded, notEncoded);
            return encoded;
        }
    }
}
