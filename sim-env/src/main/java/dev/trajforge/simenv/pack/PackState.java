package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.state.CowTable;
import dev.trajforge.simenv.state.PatchedEntities;
import dev.trajforge.simenv.state.StateChange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of a pack world: per collection a copy-on-write table of entities (pack values), sharing
 * the world's base; a copy costs O(changes). Changes come only as JSON Patches ({@link #apply}), which
 * are refused whole when they do not apply or leave an entity breaking its collection's schema. The
 * hash is SHA-256 over the collections in name order, each as {@link CowTable} lays out its entries.
 */
final class PackState implements StateReader {
    private final PackCollections collections;
    private final Map<String, CowTable<Object>> tables;
    private final Map<String, List<Object>> baseLists;
    private final Set<String> touched;
    private final Map<String, Long> issuedIds;
    private final dev.trajforge.simenv.state.StateHashMemo hashes;
    private final FieldIndexes indexes;

    private PackState(PackCollections collections, Map<String, CowTable<Object>> tables, Map<String, List<Object>> baseLists,
                      Set<String> touched, Map<String, Long> issuedIds, dev.trajforge.simenv.state.StateHashMemo hashes, FieldIndexes indexes) {
        this.collections = collections;
        this.tables = tables;
        this.baseLists = baseLists;
        this.touched = touched;
        this.issuedIds = issuedIds;
        this.hashes = hashes;
        this.indexes = indexes;
    }

    /** The base state over entities by collection and key (values in {@link PackValues} normal form); renders and hashes them once. */
    static PackState base(PackCollections collections, Map<String, SortedMap<String, Object>> entities) {
        Map<String, CowTable<Object>> tables = new TreeMap<>();
        Map<String, List<Object>> lists = new HashMap<>();
        for (String name : collections.byName().keySet()) {
            SortedMap<String, Object> initial = entities.getOrDefault(name, new TreeMap<>());
            tables.put(name, CowTable.of(initial));
            lists.put(name, List.copyOf(initial.values()));
        }
        Map<String, List<Object>> baseLists = Map.copyOf(lists);
        return new PackState(collections, tables, baseLists, new HashSet<>(), new HashMap<>(), new dev.trajforge.simenv.state.StateHashMemo(),
                new FieldIndexes(baseLists));
    }

    PackState copy() {
        Map<String, CowTable<Object>> copies = new TreeMap<>();
        tables.forEach((name, table) -> copies.put(name, table.copy()));
        return new PackState(collections, copies, baseLists, new HashSet<>(touched), new HashMap<>(issuedIds), hashes, indexes);
    }

    @Override
    public Object get(String collection, String key) {
        if (key == null) return null;
        return table(collection).get(key);
    }

    @Override
    public List<Object> all(String collection) {
        CowTable<Object> table = table(collection);
        if (!touched.contains(collection)) return baseLists.get(collection);
        List<Object> all = new ArrayList<>(table.size());
        table.forEachSorted((key, value) -> all.add(value));
        return all;
    }

    /** Untouched collections from the base's shared indexes; a collection this state changed, entity by entity. */
    @Override
    public List<Object> where(String collection, List<String> fields, Set<Object> values) {
        table(collection); // an unknown collection is an error naming it
        return touched.contains(collection) ? StateReader.super.where(collection, fields, values) : indexes.where(collection, fields, values);
    }

    /** How many new ids each collection has issued so far (to take back those of a call that failed: {@link #reissueFrom}). */
    Map<String, Long> issuedIds() {
        return Map.copyOf(issuedIds);
    }

    /** Forgets the ids issued since {@code mark}: a refused call made nothing, so the next call gets the id it would have. */
    void reissueFrom(Map<String, Long> mark) {
        issuedIds.clear();
        issuedIds.putAll(mark);
    }

    /** A new id for an entity of {@code collection}: the n-th new id of an episode is always the same. */
    String nextId(String collection) {
        PackCollections.Collection definition = collections.get(collection);
        if (definition.newIds() == null) throw new PackEvaluationException("collection '" + collection + "' has no new_ids format in domain.yaml");
        long n = issuedIds.merge(collection, 1L, Long::sum);
        long sequence = baseLists.get(collection).size() + n;
        String id = definition.newIds().format(sequence);
        while (table(collection).contains(id)) { // seed data already uses it: skip ahead, the same way every time
            issuedIds.merge(collection, 1L, Long::sum);
            id = definition.newIds().format(++sequence);
        }
        return id;
    }

    /**
     * Applies one call's patch, all or nothing; no entity may be removed.
     *
     * @return null when applied, else why not (for the agent: which entity, which path, which rule)
     */
    String apply(StateChange change) {
        return apply(change, false);
    }

    /** Why a patch was refused: it does not apply at all, or it leaves an entity breaking its schema or key ({@code schema}). */
    record Refusal(boolean schema, String message) {
    }

    /**
     * Applies one call's patch, all or nothing.
     *
     * @param removals whether the patch may remove whole entities (a simulated tool's delete)
     * @return null when applied, else why not (which entity, which path, which rule)
     */
    String apply(StateChange change, boolean removals) {
        Refusal refusal = tryApply(change, removals);
        return refusal == null ? null : refusal.message();
    }

    /** As {@link #apply(StateChange, boolean)}, saying whether a refusal is the schemas'. */
    Refusal tryApply(StateChange change, boolean removals) {
        Map<String, SortedMap<String, JsonNode>> changed;
        try {
            changed = PatchedEntities.apply(List.of(change), collections.byName().keySet(), (c, k) -> {
                Object entity = get(c, k);
                return entity == null ? null : PackValues.toNode(entity);
            });
        } catch (IllegalArgumentException e) {
            return new Refusal(false, e.getMessage());
        }
        List<String> problems = problems(changed, removals);
        if (!problems.isEmpty()) return new Refusal(true, String.join("; ", problems));
        changed.forEach((collection, entities) -> {
            touched.add(collection);
            entities.forEach((key, entity) -> {
                if (entity == null || entity.isMissingNode()) table(collection).remove(key);
                else table(collection).put(key, PackValues.fromNode(entity));
            });
        });
        return null;
    }

    /** The key the next new entity of {@code collection} would take, drawn as {@link #nextId} draws it; for integer keys the largest plus one. */
    String newKey(String collection, boolean integerKeys) {
        if (integerKeys) {
            long largest = 0;
            String keyField = collections.get(collection).keyField();
            for (Object entity : all(collection)) {
                if (((Map<?, ?>) entity).get(keyField) instanceof Number number) largest = Math.max(largest, number.longValue());
            }
            return Long.toString(largest + 1);
        }
        return collections.get(collection).newIds() == null ? null : nextId(collection);
    }

    PackCollections collections() {
        return collections;
    }

    /** Every schema rule or key mismatch the changed entities break (and every removal, unless {@code removals}). */
    private List<String> problems(Map<String, SortedMap<String, JsonNode>> changed, boolean removals) {
        List<String> problems = new ArrayList<>();
        changed.forEach((collection, entities) -> entities.forEach((key, entity) -> {
            if (entity == null || entity.isMissingNode()) {
                if (!removals) problems.add(collection + "/" + key + ": entities cannot be removed");
                return;
            }
            problems.addAll(collections.schemas().problems(collection, key, entity));
            JsonNode keyValue = entity.path(collections.get(collection).keyField());
            if (!PackCollections.isKey(keyValue, key)) {
                problems.add(collection + "/" + key + ": its key field '" + collections.get(collection).keyField() + "' must be " + key);
            }
        }));
        return problems;
    }

    String stateHash() {
        Map<String, SortedMap<String, byte[]>> changes = new TreeMap<>();
        tables.forEach((name, table) -> changes.put(name, table.changeDigests()));
        return hashWith(changes);
    }

    /** The hash of this (base) state with {@code changes} applied: equal to the hash of a state that applied them one by one. */
    String stateHashAfter(List<StateChange> changes) {
        Map<String, SortedMap<String, JsonNode>> changed = PatchedEntities.apply(changes, collections.byName().keySet(), (c, k) -> {
            Object entity = get(c, k);
            return entity == null ? null : CanonicalJson.exactTree(entity);
        });
        List<String> problems = problems(changed, true); // a recorded removal was allowed when it was made
        if (!problems.isEmpty()) throw new IllegalArgumentException("the recorded changes leave invalid entities: " + String.join("; ", problems));
        Map<String, SortedMap<String, byte[]>> digests = new TreeMap<>();
        for (String name : tables.keySet()) {
            SortedMap<String, byte[]> entries = new TreeMap<>();
            changed.getOrDefault(name, new TreeMap<>()).forEach((key, entity) -> entries.put(key,
                    entity == null || entity.isMissingNode() ? CowTable.ABSENT : CowTable.digest(entity)));
            digests.put(name, entries);
        }
        return hashWith(digests);
    }

    /** SHA-256 over the collections in name order (name, 0, the table's entries with these changes), memoized per change set. */
    private String hashWith(Map<String, SortedMap<String, byte[]>> changes) {
        return hashes.hash(changes, () -> {
            MessageDigest digest = Hashing.sha256();
            tables.forEach((name, table) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                table.digestInto(digest, changes.get(name));
            });
            return HexFormat.of().formatHex(digest.digest());
        });
    }

    private CowTable<Object> table(String collection) {
        CowTable<Object> table = tables.get(collection);
        if (table == null) throw new PackEvaluationException("no collection '" + collection + "' (known: " + String.join(", ", tables.keySet()) + ")");
        return table;
    }
}
