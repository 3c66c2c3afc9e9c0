package dev.trajforge.simenv.state;

import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Hashing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A keyed table of immutable values with copy-on-write episodes: the base (a world's initial state)
 * is built once and shared by every copy; each copy keeps only the entries it changed. Copies cost
 * O(changes), not O(table). Entry hashes of the base are computed once, so hashing a copy costs one
 * pass over 32-byte digests plus the changed entries.
 */
public final class CowTable<V> {
    private final Base<V> base;
    private final Map<String, V> changes;

    private record Base<V>(SortedMap<String, V> entries, Map<String, byte[]> digests) {
    }

    private CowTable(Base<V> base, Map<String, V> changes) {
        this.base = base;
        this.changes = changes;
    }

    /** A table over {@code initial}; the entries are hashed now, once. */
    public static <V> CowTable<V> of(SortedMap<String, V> initial) {
        SortedMap<String, V> entries = Collections.unmodifiableSortedMap(new TreeMap<>(initial));
        Map<String, byte[]> digests = new HashMap<>(entries.size() * 2);
        entries.forEach((key, value) -> digests.put(key, digest(value)));
        return new CowTable<>(new Base<>(entries, digests), new HashMap<>());
    }

    /** A private copy sharing the base and this table's current changes. */
    public CowTable<V> copy() {
        return new CowTable<>(base, new HashMap<>(changes));
    }

    public V get(String key) {
        V changed = changes.get(key);
        return changed != null ? changed : base.entries().get(key);
    }

    public boolean contains(String key) {
        return changes.containsKey(key) || base.entries().containsKey(key);
    }

    public void put(String key, V value) {
        if (value == null) throw new IllegalArgumentException("null value for " + key);
        changes.put(key, value);
    }

    public int size() {
        int added = 0;
        for (String key : changes.keySet()) if (!base.entries().containsKey(key)) added++;
        return base.entries().size() + added;
    }

    /** Visits every entry in key order. */
    public void forEachSorted(BiConsumer<String, V> visitor) {
        boolean onlyUpdates = changes.keySet().stream().allMatch(base.entries()::containsKey);
        if (onlyUpdates) { // the common case: walk the shared base, substituting changed entries
            base.entries().forEach((key, value) -> {
                V changed = changes.get(key);
                visitor.accept(key, changed != null ? changed : value);
            });
            return;
        }
        TreeMap<String, V> merged = new TreeMap<>(base.entries());
        merged.putAll(changes);
        merged.forEach(visitor);
    }

    /** Feeds (key, SHA-256 of the entry's canonical JSON) for every entry, in key order. */
    public void digestInto(MessageDigest digest) {
        forEachSorted((key, value) -> {
            digest.update(key.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(changes.containsKey(key) ? digest(value) : base.digests().get(key));
        });
    }

    private static byte[] digest(Object value) {
        return Hashing.sha256().digest(CanonicalJson.bytes(value));
    }
}
