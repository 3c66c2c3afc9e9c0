package dev.trajforge.exporter.report;

import dev.trajforge.simenv.Hashing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * The viewer's trajectories, chosen deterministically: of the accepted and of the rejected episodes, those whose ids hash
 * (SHA-256) lowest. The choice depends only on the ids, never on the order records arrive in or on the clock, and holds at
 * most {@code size} trajectories of each outcome while records stream (a trajectory is built only when it enters). The
 * sample is half rejected (rounded down) and half accepted, the other outcome making up for one that has too few.
 */
final class TrajectorySample {
    private record Entry(long key, String id, Viewed viewed) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::key).thenComparing(Entry::id);

    private final int size;
    private final Map<Outcome, PriorityQueue<Entry>> kept = new EnumMap<>(Outcome.class);

    TrajectorySample(int size) {
        if (size < 0) throw new IllegalArgumentException("sample size must be >= 0, got " + size);
        this.size = size;
        kept.put(Outcome.ACCEPTED, new PriorityQueue<>(ORDER.reversed()));
        kept.put(Outcome.REJECTED, new PriorityQueue<>(ORDER.reversed()));
    }

    int size() {
        return size;
    }

    /** Offers an episode; {@code viewed} is called only when it enters the sample. Infra failures are never sampled (they are no rows). */
    void offer(String id, Outcome outcome, Supplier<Viewed> viewed) {
        PriorityQueue<Entry> queue = kept.get(outcome);
        if (queue == null || size == 0) return;
        long key = key(id);
        if (queue.size() == size) {
            Entry largest = queue.peek();
            if (ORDER.compare(new Entry(key, id, null), largest) >= 0) return;
            queue.poll();
        }
        queue.add(new Entry(key, id, viewed.get()));
    }

    /** The sample: rejected trajectories first, then accepted ones, each in hash order. */
    List<Viewed> trajectories() {
        List<Entry> rejected = sorted(Outcome.REJECTED);
        List<Entry> accepted = sorted(Outcome.ACCEPTED);
        int rejectedWanted = Math.min(rejected.size(), Math.max(size / 2, size - accepted.size()));
        int acceptedWanted = Math.min(accepted.size(), size - rejectedWanted);
        List<Viewed> out = new ArrayList<>();
        rejected.subList(0, rejectedWanted).forEach(e -> out.add(e.viewed()));
        accepted.subList(0, acceptedWanted).forEach(e -> out.add(e.viewed()));
        return out;
    }

    private List<Entry> sorted(Outcome outcome) {
        List<Entry> entries = new ArrayList<>(kept.get(outcome));
        entries.sort(ORDER);
        return entries;
    }

    private static long key(String id) {
        return ByteBuffer.wrap(Hashing.sha256().digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8))).getLong();
    }
}
