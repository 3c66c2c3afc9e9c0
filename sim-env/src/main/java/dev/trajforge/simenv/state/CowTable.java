package dev.trajforge.simenv.state;

import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Hashing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * A keyed table of immutable values with copy-on-write episodes: the base (a world's initial state)
 * is built once and shared by every copy; each copy keeps only the entries it changed. Copies cost
 * O(changes), not O(table).
 *
 * <p>The table's digest input is, in key order, {@code key, 0, SHA-256(the value as a canonical JSON tree)}
 * per entry. For the base that whole byte stream is laid out once, with each entry's canonical JSON
 * kept beside it; a copy that only replaced entries is digested by streaming the shared bytes and
 * substituting the changed entries' digests at their known offsets, so hashing a copy costs one
 * straight SHA-256 pass plus the changed entries, with no walk over the table.
 *
 * <p>An entry can be removed ({@link #remove}); in {@link #changeDigests()} a removed entry's digest is
 * {@link #ABSENT} (an empty array), and the digest leaves it out as if it had never been there.
 */
public final class CowTable<V> {
    private static final int DIGEST_BYTES = 32;
    /** In {@link #changeDigests()}: the entry under this key is gone. */
    public static final byte[] ABSENT = new byte[0];

    private final Base<V> base;
    private final Map<String, V> changes;
    /** keys of base entries this copy removed; null while there are none (copies stay cheap) */
    private java.util.Set<String> removed;

    /**
     * The shared initial state: entries in key order, a hash index over them, the digest input stream
     * and, per key, the offset of its entry digest in that stream and its canonical JSON.
     */
    private record Base<V>(SortedMap<String, V> entries, Map<String, Entry<V>> index, byte[] stream) {
    }

    private record Entry<V>(V value, int digestOffset, String json) {
    }

    private CowTable(Base<V> base, Map<String, V> changes, java.util.Set<String> removed) {
        this.base = base;
        this.changes = changes;
        this.removed = removed;
    }

    /** A table over {@code initial}; the entries are rendered and hashed now, once. */
    public static <V> CowTable<V> of(SortedMap<String, V> initial) {
        SortedMap<String, V> entries = Collections.unmodifiableSortedMap(new TreeMap<>(initial));
        Map<String, Entry<V>> index = new HashMap<>(entries.size() * 2);
        ByteArrayOutputStream stream = new ByteArrayOutputStream(entries.size() * 64);
        entries.forEach((key, value) -> {
            String json = CanonicalJson.write(value);
            stream.writeBytes(key.getBytes(StandardCharsets.UTF_8));
            stream.write(0);
            index.put(key, new Entry<>(value, stream.size(), json));
            stream.writeBytes(digest(value));
        });
        return new CowTable<>(new Base<>(entries, index, stream.toByteArray()), new HashMap<>(), null);
    }

    /** A private copy sharing the base and this table's current changes. */
    public CowTable<V> copy() {
        return new CowTable<>(base, new HashMap<>(changes), removed == null ? null : new java.util.HashSet<>(removed));
    }

    public V get(String key) {
        V changed = changes.get(key);
        if (changed != null) return changed;
        if (removed != null && removed.contains(key)) return null;
        Entry<V> entry = base.index().get(key);
        return entry == null ? null : entry.value();
    }

    public boolean contains(String key) {
        return changes.containsKey(key) || (base.index().containsKey(key) && (removed == null || !removed.contains(key)));
    }

    public void put(String key, V value) {
        if (value == null) throw new IllegalArgumentException("null value for " + key);
        changes.put(key, value);
        if (removed != null) removed.remove(key);
    }

    /** Removes the entry under {@code key}, if there is one. */
    public void remove(String key) {
        changes.remove(key);
        if (base.index().containsKey(key)) {
            if (removed == null) removed = new java.util.HashSet<>();
            removed.add(key);
        }
    }

    public int size() {
        int added = 0;
        for (String key : changes.keySet()) if (!base.index().containsKey(key)) added++;
        return base.entries().size() + added - (removed == null ? 0 : removed.size());
    }

    /**
     * The canonical JSON of {@code value} if it is the very (unchanged) base entry under {@code key},
     * else null: base entries were rendered once when the table was built.
     */
    public String baseJson(String key, Object value) {
        Entry<V> entry = base.index().get(key);
        return entry != null && entry.value() == value ? entry.json() : null;
    }

    /** The canonical JSON of the base entry under {@code key} (rendered when the table was built), or null when the base has none. */
    public String baseJsonOf(String key) {
        Entry<V> entry = base.index().get(key);
        return entry == null ? null : entry.json();
    }

    /** Visits every entry in key order. */
    public void forEachSorted(BiConsumer<String, V> visitor) {
        if (removed != null && !removed.isEmpty()) {
            TreeMap<String, V> merged = new TreeMap<>(base.entries());
            merged.keySet().removeAll(removed);
            merged.putAll(changes);
            merged.forEach(visitor);
            return;
        }
        if (onlyUpdates()) { // the common case: walk the shared base, substituting changed entries
            if (changes.isEmpty()) {
                base.entries().forEach(visitor);
                return;
            }
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

    /** Feeds (key, 0, SHA-256 of the entry's canonical JSON) for every entry, in key order. */
    public void digestInto(MessageDigest digest) {
        digestInto(digest, changeDigests());
    }

    /** SHA-256 of each changed entry's canonical JSON, in key order: with the shared base, they determine the table. */
    public SortedMap<String, byte[]> changeDigests() {
        SortedMap<String, byte[]> digests = new TreeMap<>(base.entries().comparator()); // the base's order is the stream's
        changes.forEach((key, value) -> digests.put(key, digest(value)));
        if (removed != null) removed.forEach(key -> digests.put(key, ABSENT));
        return digests;
    }

    /**
     * As {@link #digestInto(MessageDigest)}, given this table's {@link #changeDigests()}; or, on any
     * table, the digest the base would have with {@code changeDigests} replacing (or adding) entries.
     */
    public void digestInto(MessageDigest digest, SortedMap<String, byte[]> changeDigests) {
        byte[] stream = base.stream();
        if (changeDigests.isEmpty()) {
            digest.update(stream);
            return;
        }
        boolean walk = false;
        for (Map.Entry<String, byte[]> change : changeDigests.entrySet()) walk |= change.getValue().length == 0 || !base.index().containsKey(change.getKey());
        if (walk) { // entries added or removed: walk base and changes merged
            TreeSet<String> keys = new TreeSet<>(base.entries().keySet());
            keys.addAll(changeDigests.keySet());
            for (String key : keys) {
                byte[] changed = changeDigests.get(key);
                if (changed != null && changed.length == 0) continue; // removed
                digest.update(key.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                if (changed != null) digest.update(changed);
                else digest.update(stream, base.index().get(key).digestOffset(), DIGEST_BYTES);
            }
            return;
        }
        // every change replaces a base entry: stream the base, substituting the changed digests in offset order
        int[] offsets = new int[changeDigests.size()];
        byte[][] digests = new byte[changeDigests.size()][];
        int n = 0;
        for (Map.Entry<String, byte[]> change : changeDigests.entrySet()) { // key order is stream order
            offsets[n] = base.index().get(change.getKey()).digestOffset();
            digests[n++] = change.getValue();
        }
        int position = 0;
        for (int i = 0; i < n; i++) {
            digest.update(stream, position, offsets[i] - position);
            digest.update(digests[i]);
            position = offsets[i] + DIGEST_BYTES;
        }
        digest.update(stream, position, stream.length - position);
    }

    private boolean onlyUpdates() {
        for (String key : changes.keySet()) if (!base.index().containsKey(key)) return false;
        return true;
    }

    /**
     * SHA-256 of the entry as a canonical JSON tree (every object's keys sorted, decimals exact), the
     * form a JSON Patch is applied to, so a state reached through recorded patches hashes the same.
     */
    public static byte[] digest(Object value) {
        return Hashing.sha256().digest(CanonicalJson.bytes(CanonicalJson.exactTree(value)));
    }
}
