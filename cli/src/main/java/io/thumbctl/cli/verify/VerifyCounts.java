package io.thumbctl.cli.verify;

import io.thumbctl.guard.Decision;

import java.util.Map;
import java.util.TreeMap;

/** What one verify run counted, for its {@link VerifyReport}. */
final class VerifyCounts {
    long sources;
    long thumbnails;
    long checked;
    long ok;
    long missing;
    long orphan;
    long stale;
    long foreign;
    final Map<String, Long> skipped = new TreeMap<>();

    void skip(Decision d) {
        skipped.merge(d.skipReason().word(), 1L, Long::sum);
    }

    VerifyReport report(String bucket, String prefix, String thumbnailBucket, String thumbnailPrefix, boolean deep,
                        long startedNanos) {
        return new VerifyReport(bucket, prefix, thumbnailBucket, thumbnailPrefix, sources, thumbnails, checked, ok,
                missing, orphan, stale, foreign, skipped, deep, (System.nanoTime() - startedNanos) / 1e9);
    }
}
