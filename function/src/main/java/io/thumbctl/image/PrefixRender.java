package io.thumbctl.image;

/**
 * What the first bytes of a source give ({@link ThumbnailRenderer#renderPrefix}): its thumbnail,
 * made from a progressive JPEG's DC scans; how many bytes those scans need, when the prefix ends
 * before them; or the answer that only the whole file will do. The caller reads ranges of an
 * object by these answers and knows nothing of JPEG's structure.
 */
public sealed interface PrefixRender {

    /** The thumbnail (every output), from the prefix alone. */
    record Rendered(RenderedSet set) implements PrefixRender {
    }

    /** The prefix ends before the DC scans do: at least {@code minBytes} are needed. */
    record NeedMore(int minBytes) implements PrefixRender {
    }

    /** Not a progressive JPEG whose DC scans serve (or that path is off): read the whole file. */
    record WholeFile() implements PrefixRender {
    }

    /** How many bytes to read first of a source of {@code size} bytes that may be a progressive JPEG. */
    static long firstRangeBytes(long size) {
        return ProgressivePrefix.firstRangeBytes(size);
    }
}
