package dev.trajforge.exporter;

import dev.trajforge.simenv.Trajectory;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decides, in write order, whether an accepted episode duplicates one kept before it; the first
 * occurrence wins, so the same episodes in the same order always keep the same ones.
 *
 * <ul>
 *   <li><b>exact</b>: the canonical SHA-256 of messages and tools ({@link Conversations#sha256}) equals a
 *       kept one's. The first 128 bits of each kept hash are remembered (16 bytes per kept episode in an
 *       open-addressing table at most half full).</li>
 *   <li><b>near</b>: the MinHash signature ({@link MinHash}) agrees with a kept one's in at least the
 *       threshold share of positions, found through LSH bands ({@link LshIndex}, about 1 KiB per kept
 *       episode). An episode with nothing to shingle (no user turn, no tool call) is never a near-duplicate.</li>
 * </ul>
 * Only kept episodes are remembered; memory does not depend on the size of an episode.
 */
final class Deduplicator {
    enum Kind { EXACT, NEAR }

    private final Dedup settings;
    private final LshIndex near;
    private long[] exact = new long[2 * 1024];
    private int exactSize;
    private long exactRemoved;
    private long nearRemoved;

    Deduplicator(Dedup settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.near = settings.near() ? new LshIndex(settings.nearThreshold()) : null;
    }

    /** Null when {@code trajectory} is new (and from now on remembered as kept), else what kind of duplicate it is. */
    Kind check(Trajectory trajectory) {
        return check(trajectory, null);
    }

    /**
     * What {@link #check} compares, computed without touching this deduplicator's state (so on any thread, ahead
     * of the checks in write order); null with dedup off.
     */
    static DedupFingerprint fingerprint(Dedup settings, Trajectory trajectory) {
        if (!settings.enabled()) return null;
        byte[] sha = settings.exact() ? Conversations.sha256(trajectory.messages(), trajectory.toolsJson()) : null;
        long[] signature = settings.near() ? MinHash.signature(MinHash.shingles(trajectory)) : null;
        return new DedupFingerprint(sha, signature);
    }

    /** As {@link #check(Trajectory)}, with the fingerprint computed ahead ({@link #fingerprint}) when not null. */
    Kind check(Trajectory trajectory, DedupFingerprint known) {
        if (!settings.enabled()) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        if (settings.exact()) {
            ByteBuffer sha = ByteBuffer.wrap(known != null && known.sha256() != null ? known.sha256()
                    : Conversations.sha256(trajectory.messages(), trajectory.toolsJson()));
            hi = sha.getLong();
            lo = sha.getLong();
            if (hi == 0 && lo == 0) {
                lo = 1; // 0/0 marks an empty slot
            }
            if (containsExact(hi, lo)) {
                exactRemoved++;
                return Kind.EXACT;
            }
        }
        long[] signature = near == null ? null : known != null ? known.signature() : MinHash.signature(MinHash.shingles(trajectory));
        if (signature != null && near.hasNearDuplicate(signature)) {
            nearRemoved++;
            return Kind.NEAR;
        }
        if (settings.exact()) {
            addExact(hi, lo);
        }
        if (signature != null) {
            near.add(signature);
        }
        return null;
    }

    long exactRemoved() {
        return exactRemoved;
    }

    long nearRemoved() {
        return nearRemoved;
    }

    /** The LSH banding in use (bands, rows), or null without near-dedup. */
    int[] banding() {
        return near == null ? null : new int[] {near.bands(), near.rows()};
    }

    private boolean containsExact(long hi, long lo) {
        int slot = slot(exact, hi, lo);
        return exact[slot] != 0 || exact[slot + 1] != 0;
    }

    private void addExact(long hi, long lo) {
        if (4 * (exactSize + 1) > exact.length) { // pairs: at most half the slots in use
            long[] old = exact;
            exact = new long[old.length * 2];
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != 0 || old[i + 1] != 0) {
                    int slot = slot(exact, old[i], old[i + 1]);
                    exact[slot] = old[i];
                    exact[slot + 1] = old[i + 1];
                }
            }
        }
        int slot = slot(exact, hi, lo);
        exact[slot] = hi;
        exact[slot + 1] = lo;
        exactSize++;
    }

    /** The slot (even index) holding the pair, or the empty one where it would go. */
    private static int slot(long[] table, long hi, long lo) {
        int slots = table.length / 2;
        int i = (int) (hi & (slots - 1));
        while ((table[2 * i] != 0 || table[2 * i + 1] != 0) && (table[2 * i] != hi || table[2 * i + 1] != lo)) {
            i = (i + 1) & (slots - 1);
        }
        return 2 * i;
    }
}
