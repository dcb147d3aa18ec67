package io.thumbctl.thumbnail;

import io.thumbctl.image.HeifDecoder;
import io.thumbctl.image.ImageException;
import io.thumbctl.image.PrefixRender;
import io.thumbctl.image.RenderedSet;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.image.ThumbnailSpec;
import io.thumbctl.storage.CallBudget;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;
import io.thumbctl.storage.ObjectTooLargeException;
import io.thumbctl.storage.PreconditionFailedException;
import io.thumbctl.storage.StoredObject;
import io.thumbctl.storage.StoredRange;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a source and renders its thumbnail, reading no more of it than the thumbnail needs.
 *
 * <p>A progressive JPEG carries every block's DC coefficient in its first scan(s), often 3-20%
 * into the file, and a thumbnail decoded at 1/8 scale needs nothing else. So a large JPEG is read
 * with ranged GETs: first a guess of where the DC scans end, more if the headers or the scans run
 * longer, and the rest of the object only when the file turns out not to allow it (baseline,
 * other scan scripts, scales above 1/8, anything unexpected). Every range after the first is tied
 * to the first one's ETag, so the bytes rendered are all of one version of the object.
 */
final class SourceRendering {

    /** Below this a whole GET costs about one round trip anyway: ranges would only add requests. */
    static final long RANGED_READ_THRESHOLD = 1024 * 1024;
    /** Outside an invocation (the CLI, tests): only the renderer's own bound applies. */
    private static final Duration NO_DEADLINE = Duration.ofDays(1);

    /** What was rendered, and from which version of the source; or why nothing was. */
    sealed interface Result permits Rendered, TooLarge {
    }

    /**
     * @param sourceEtag  the ETag of the bytes the outputs were made from
     * @param sourceBytes the size of those bytes
     */
    record Rendered(String sourceEtag, long sourceBytes, RenderedSet set) implements Result {
    }

    /** The source is larger than {@code thumbnail.max-source-bytes} (it grew since it was listed). */
    record TooLarge(String detail) implements Result {
    }

    private final ObjectStore store;
    private final ThumbnailRenderer renderer;
    private final long maxSourceBytes;

    SourceRendering(ObjectStore store, ThumbnailRenderer renderer, long maxSourceBytes) {
        this.store = store;
        this.renderer = renderer;
        this.maxSourceBytes = maxSourceBytes;
    }

    /**
     * @param expectedEtag the version to read ({@code If-Match}); {@code null} for whatever is there
     * @param knownSize    the source's size when known, to choose how to read it
     * @throws PreconditionFailedException when the source is no longer {@code expectedEtag}, or
     *                                     changed between two ranges
     */
    Result render(ObjectRef source, String expectedEtag, Long knownSize, ThumbnailSpec spec) throws ImageException {
        if (knownSize != null && knownSize >= RANGED_READ_THRESHOLD && isJpegName(source.key())) {
            return renderInRanges(source, expectedEtag, knownSize, spec);
        }
        StoredObject whole;
        try {
            whole = store.get(source.bucket(), source.key(), expectedEtag, maxSourceBytes);
        } catch (ObjectTooLargeException e) {
            return new TooLarge(e.getMessage());
        }
        requireContainerOf(source.key(), whole.content());
        return new Rendered(whole.info().etag(), whole.content().length,
                renderer.renderSet(whole.content(), spec, renderTime()));
    }

    private Result renderInRanges(ObjectRef source, String expectedEtag, long knownSize, ThumbnailSpec spec)
            throws ImageException {
        StoredRange first = store.getRange(source.bucket(), source.key(), 0,
                PrefixRender.firstRangeBytes(knownSize) - 1, expectedEtag);
        ObjectInfo info = first.info();
        if (info.size() > maxSourceBytes) {
            return new TooLarge(info.size() + " bytes");
        }
        Prefix prefix = new Prefix(first.content());
        while (!prefix.reaches(info.size())) {
            PrefixRender answer = renderer.renderPrefix(prefix.bytes(), spec, renderTime());
            if (answer instanceof PrefixRender.Rendered rendered) {
                return new Rendered(info.etag(), info.size(), rendered.set());
            }
            if (!(answer instanceof PrefixRender.NeedMore more)) {
                break;
            }
            // Grow geometrically, and give up on ranges once they would cover half of the object.
            long wanted = Math.max(more.minBytes(), 2L * prefix.length());
            if (wanted > info.size() / 2) {
                break;
            }
            prefix.append(store.getRange(source.bucket(), source.key(), prefix.length(), wanted - 1, info.etag()));
        }
        if (!prefix.reaches(info.size())) {
            prefix.completeFrom(store, source, info);
        }
        return new Rendered(info.etag(), info.size(), renderer.renderSet(prefix.bytes(), spec, renderTime()));
    }

    /**
     * A render may take what is left of the invocation's S3 budget at most ({@link CallBudget}):
     * past it the thumbnail could not be written, and the invocation must still answer in time
     * (a batch of large images would otherwise outlast Lambda's timeout).
     */
    private static Duration renderTime() {
        return CallBudget.remaining().orElse(NO_DEADLINE);
    }

    /**
     * A key that names a HEIC/HEIF or AVIF file must hold one, of that codec: its {@code ftyp} box
     * is checked before anything decodes it, and a mismatch is the file's fault ({@code corrupt}).
     */
    static void requireContainerOf(String key, byte[] content) throws ImageException {
        String lower = key.toLowerCase(Locale.ROOT);
        boolean heic = lower.endsWith(".heic") || lower.endsWith(".heif");
        boolean avif = lower.endsWith(".avif");
        if (!heic && !avif) {
            return;
        }
        Optional<HeifDecoder.Codec> codec = HeifDecoder.codec(content);
        boolean matches = codec.isPresent() && (codec.get() == HeifDecoder.Codec.UNKNOWN
                || codec.get() == (avif ? HeifDecoder.Codec.AV1 : HeifDecoder.Codec.HEVC));
        if (!matches) {
            throw new ImageException(ImageException.CORRUPT, "the key names a " + (avif ? "AVIF" : "HEIC/HEIF")
                    + " file, but its ftyp box says " + codec.map(c -> c.format() + " (" + c + ")")
                    .orElse("it is no HEIF container at all"));
        }
    }

    private static boolean isJpegName(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".jpe") || lower.endsWith(".jfif");
    }

    /** The object's first bytes, as read so far. */
    private static final class Prefix {
        private byte[] bytes;

        Prefix(byte[] first) {
            bytes = first;
        }

        long length() {
            return bytes.length;
        }

        boolean reaches(long size) {
            return bytes.length >= size;
        }

        /** Appends the next range into one array of exactly the new length (the whole object, at the end). */
        void append(StoredRange range) {
            if (range.first() != bytes.length) {
                throw new IllegalStateException("a ranged read answered from byte " + range.first()
                        + " where byte " + bytes.length + " was asked for");
            }
            byte[] longer = Arrays.copyOf(bytes, bytes.length + range.content().length);
            System.arraycopy(range.content(), 0, longer, bytes.length, range.content().length);
            bytes = longer;
        }

        /**
         * Reads the rest of the object into one array of its size: a large source is then held
         * once, not as this prefix, the rest and their concatenation at the same time.
         */
        void completeFrom(ObjectStore store, ObjectRef source, ObjectInfo info) {
            int from = bytes.length;
            byte[] whole = Arrays.copyOf(bytes, Math.toIntExact(info.size()));
            bytes = whole;
            store.readRestInto(source.bucket(), source.key(), whole, from, info.etag());
        }

        byte[] bytes() {
            return bytes;
        }
    }
}
