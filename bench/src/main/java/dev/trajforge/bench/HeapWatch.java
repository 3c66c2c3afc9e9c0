package dev.trajforge.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import dev.trajforge.collector.run.ProgressListener;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap use over a run, four ways: the sum of the heap pools' peak usage (what the JVM let the heap
 * grow to, garbage included, so it tracks -Xmx as much as the live data), the largest heap used right
 * after any GC (a young collection leaves promoted garbage in the old generation, so this follows GC
 * ergonomics too), the live heap (a full GC, then heap used: the data the run really holds) at every
 * tenth of the episodes and every 2 s over the whole run including the export, and the number of GCs.
 */
final class HeapWatch implements AutoCloseable {
    private static final long SAMPLE_MILLIS = 2_000;

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong gcs = new AtomicLong();
    private final NotificationListener listener = (notification, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) return;
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
        maxAfterGc.accumulateAndGet(after, Math::max);
        gcs.incrementAndGet();
    };

    private final List<Long> liveAtCheckpoints = new ArrayList<>();
    private final AtomicLong liveMax = new AtomicLong();
    private final Thread sampler;

    HeapWatch() {
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(this::sampleLive);
    }

    /** Every {@link #SAMPLE_MILLIS}: a full GC, then the heap used — the live data, whatever phase the run is in (episodes or export). */
    private void sampleLive() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            liveMax.accumulateAndGet(liveNow(), Math::max);
        }
    }

    private static long liveNow() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The largest live heap seen by the sampler and the checkpoints, over the whole run. */
    long liveMaxBytes() {
        return liveMax.get();
    }

    /** Sum over the heap pools of each pool's peak usage since the watch started (an upper bound of the peak heap used). */
    long peakUsedBytes() {
        return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** The largest heap (all pools) left right after a collection. Counts the non-heap pools GC reports too, which are small. */
    long maxAfterGcBytes() {
        return maxAfterGc.get();
    }

    long collections() {
        return gcs.get();
    }

    /**
     * A progress listener that, each time another {@code 1/checkpoints} of the episodes is done, runs a
     * full GC and records the heap used after it (called in episode order from the run's committer, so the
     * pause holds up nothing but this thread's episode accounting).
     */
    ProgressListener liveHeapCheckpoints(int checkpoints) {
        return (done, total, accepted, costUsd) -> {
            long every = Math.max(1, total / checkpoints);
            if (done % every == 0 || done == total) {
                long live = liveNow();
                liveAtCheckpoints.add(live);
                liveMax.accumulateAndGet(live, Math::max);
            }
        };
    }

    /** The live heap at each checkpoint, in order. */
    List<Long> liveAtCheckpoints() {
        return List.copyOf(liveAtCheckpoints);
    }

    @Override
    public void close() throws Exception {
        sampler.interrupt();
        sampler.join();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).removeNotificationListener(listener);
        }
    }
}
