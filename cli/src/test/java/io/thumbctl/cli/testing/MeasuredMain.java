package io.thumbctl.cli.testing;

import io.thumbctl.cli.ThumbctlCommand;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs thumbctl like {@code main}, then prints to stderr how much heap it used at most
 * ({@code peak-heap-bytes=N}, garbage included, so close to -Xmx on any long run) and how much it
 * still held right after a collection at most ({@code peak-live-heap-bytes=N}): for the memory test and the benchmark, which run it in a JVM of its
 * own with a small {@code -Xmx}.
 */
public final class MeasuredMain {

    public static final String PEAK_HEAP = "peak-heap-bytes=";
    public static final String PEAK_LIVE = "peak-live-heap-bytes=";

    /** The most heap still in use right after a collection: what the run really holds. */
    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();

    private MeasuredMain() {
    }

    public static void main(String[] args) {
        watchCollections();
        int exit = ThumbctlCommand.execute(args);
        System.gc(); // one last collection, so a short run has a figure too
        System.err.println(PEAK_HEAP + peakHeapBytes());
        System.err.println(PEAK_LIVE + PEAK_AFTER_GC.get());
        System.exit(exit);
    }

    /** The most heap held right after a collection so far (see {@link #watchCollections}). */
    public static long peakLiveHeapBytes() {
        return PEAK_AFTER_GC.get();
    }

    /** From now on, note after every collection how much heap is still in use. */
    public static void watchCollections() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                        if (pool.getType() == MemoryType.HEAP && after != null) {
                            used += after.getUsed();
                        }
                    }
                    PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
    }

    /** The sum of each heap pool's peak: an upper bound, since pools peak at different moments. */
    public static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
