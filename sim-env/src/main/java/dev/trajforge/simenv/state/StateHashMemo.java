package dev.trajforge.simenv.state;

import dev.trajforge.simenv.Hashing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The state hashes of one world's copies, keyed by their change sets. The hash of a copy depends only
 * on its changes to the shared base, so an episode's final state, its judge's replay and the gold
 * replay of its task (usually one state) are hashed once. Bounded: cleared when full, so memory does
 * not grow with the run. Thread-safe; one per world, shared by its copies.
 */
public final class StateHashMemo {
    private static final int LIMIT = 4096;
    private final ConcurrentHashMap<String, String> byChanges = new ConcurrentHashMap<>();

    /**
     * The hash for the change sets (per collection, in name order: the changed entries' digests by
     * key), computed by {@code hash} the first time.
     */
    public String hash(Map<String, SortedMap<String, byte[]>> changes, Supplier<String> hash) {
        String key = key(changes);
        String known = byChanges.get(key);
        if (known != null) return known;
        String computed = hash.get();
        if (byChanges.size() >= LIMIT) byChanges.clear();
        byChanges.put(key, computed);
        return computed;
    }

    /** Per collection: name, then (key, 0, entry digest) per change, each field length-delimited. */
    private static String key(Map<String, SortedMap<String, byte[]>> changes) {
        MessageDigest digest = Hashing.sha256();
        changes.forEach((collection, entries) -> {
            digest.update(collection.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(entries.size()).array());
            entries.forEach((key, entry) -> {
                byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                digest.update(bytes);
                digest.update(entry);
            });
        });
        return HexFormat.of().formatHex(digest.digest());
    }
}
