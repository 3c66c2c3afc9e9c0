package dev.trajforge.exporter.report;

import dev.trajforge.simenv.Hashing;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * The viewer's trajectories, chosen deterministically: of the accepted and of the rejected episodes, those whose ids hash
 * (SHA-256) lowest. The choice depends only on the ids, never on the order records arrive in or on the clock, and holds at
 * most {@code size} trajectories of each outcome while records stream (a trajectory is built only when it enters). The
 * sample is half rejected (rounded down) and half accepted, the other outcome making up for one that has too few.
 *
 * <p>Samples of disjoint sets of episodes {@link #merge} into the sample of their union (the lowest ids of a union are among
 * the lowest of its parts). A part's sample may hold its candidates by id alone (a null trajectory): the trajectories
 * of those the merged sample shows are then given through {@link #view}.
 */
final class TrajectorySample implements Serializable {
    private static final long serialVersionUID = 1L;

    private record Entry(long key, String id, Viewed viewed) implements Serializable {
    }

    /** Lowest hash first, then id; a class of its own, so that the queues serialize with their order. */
    private static final class Order implements Comparator<Entry>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Entry a, Entry b) {
            int byKey = Long.compare(a.key(), b.key());
            return byKey != 0 ? byKey : a.id().compareTo(b.id());
        }
    }

    private static final Comparator<Entry> ORDER = new Order();

    private final int size;
    private final Map<Outcome, PriorityQueue<Entry>> kept = new EnumMap<>(Outcome.class);

    TrajectorySample(int size) {
        if (size < 0) throw new IllegalArgumentException("sample size must be >= 0, got " + size);
        this.size = size;
        kept.put(Outcome.ACCEPTED, new PriorityQueue<>(java.util.Collections.reverseOrder(ORDER)));
        kept.put(Outcome.REJECTED, new PriorityQueue<>(java.util.Collections.reverseOrder(ORDER)));
    }

    int size() {
        return size;
    }

    /**
     * Offers an episode; {@code viewed} is called only when it enters the sample, and may give null to keep the episode
     * by id alone. Infra failures are never sampled (they are no rows).
     */
    void offer(String id, Outcome outcome, Supplier<Viewed> viewed) {
        PriorityQueue<Entry> queue = kept.get(outcome);
        if (queue == null || size == 0) return;
        long key = key(id);
        if (full(queue, key, id)) return;
        queue.add(new Entry(key, id, viewed.get()));
    }

    /** Takes in the sample of another, disjoint set of episodes of the same size. */
    void merge(TrajectorySample other) {
        if (other.size != size) throw new IllegalArgumentException("cannot merge a sample of " + other.size + " into one of " + size);
        other.kept.forEach((outcome, entries) -> {
            PriorityQueue<Entry> queue = kept.get(outcome);
            for (Entry entry : entries) {
                if (!full(queue, entry.key(), entry.id())) queue.add(entry);
            }
        });
    }

    /** Whether the sample holds {@code id} (as a candidate: it need not be one the viewer shows). */
    boolean holds(String id) {
        long key = key(id);
        for (PriorityQueue<Entry> queue : kept.values()) {
            for (Entry entry : queue) if (entry.key() == key && entry.id().equals(id)) return true;
        }
        return false;
    }

    /** The episodes the viewer shows that are held by id alone, with their outcome, in the viewer's order. */
    Map<String, Outcome> unviewed() {
        Map<String, Outcome> out = new LinkedHashMap<>();
        chosen().forEach((entry, outcome) -> {
            if (entry.viewed() == null) out.put(entry.id(), outcome);
        });
        return out;
    }

    /** Gives the trajectory of an episode the sample holds by id alone. */
    void view(String id, Outcome outcome, Viewed viewed) {
        PriorityQueue<Entry> queue = kept.get(outcome);
        Entry held = queue == null ? null : queue.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
        if (held == null) throw new IllegalArgumentException("episode " + id + " is not in the sample as " + outcome.label());
        queue.remove(held);
        queue.add(new Entry(held.key(), id, viewed));
    }

    /** The sample: rejected trajectories first, then accepted ones, each in hash order. */
    List<Viewed> trajectories() {
        List<Viewed> out = new ArrayList<>();
        chosen().forEach((entry, outcome) -> {
            if (entry.viewed() == null) {
                throw new IllegalStateException("the trajectory of sampled episode " + entry.id() + " (" + outcome.label() + ") was never given");
            }
            out.add(entry.viewed());
        });
        return out;
    }

    /** The entries the viewer shows, in its order, each with its outcome. */
    private Map<Entry, Outcome> chosen() {
        List<Entry> rejected = sorted(Outcome.REJECTED);
        List<Entry> accepted = sorted(Outcome.ACCEPTED);
        int rejectedWanted = Math.min(rejected.size(), Math.max(size / 2, size - accepted.size()));
        int acceptedWanted = Math.min(accepted.size(), size - rejectedWanted);
        Map<Entry, Outcome> out = new LinkedHashMap<>();
        rejected.subList(0, rejectedWanted).forEach(e -> out.put(e, Outcome.REJECTED));
        accepted.subList(0, acceptedWanted).forEach(e -> out.put(e, Outcome.ACCEPTED));
        return out;
    }

    /** Whether {@code queue} is full of entries that come before (key, id); if full of later ones, the last of them goes. */
    private boolean full(PriorityQueue<Entry> queue, long key, String id) {
        if (queue.size() < size) return false;
        if (ORDER.compare(new Entry(key, id, null), queue.peek()) >= 0) return true;
        queue.poll();
        return false;
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
