package dev.trajforge.simenv.pack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Indexes over a world's base state for {@code $where}: per (collection, field), the positions in key order of the
 * entities whose field holds each value (equal to it, or a list containing it). Built on first use and shared by
 * every episode's copy of the state (the base never changes); a collection an episode has changed is searched
 * entity by entity instead ({@link StateReader#where}).
 */
final class FieldIndexes {
    private final Map<String, List<Object>> baseLists;
    private final Map<String, Map<Object, int[]>> byField = new ConcurrentHashMap<>();

    FieldIndexes(Map<String, List<Object>> baseLists) {
        this.baseLists = baseLists;
    }

    /** The base entities of {@code collection}, in key order, where one of {@code fields} holds one of {@code values}. */
    List<Object> where(String collection, List<String> fields, Set<Object> values) {
        List<Object> entities = baseLists.get(collection);
        int[] positions = null;
        for (String field : fields) {
            Map<Object, int[]> index = byField.computeIfAbsent(collection + '\u0000' + field, key -> build(entities, field));
            for (Object value : values) positions = union(positions, index.get(value));
        }
        List<Object> found = new ArrayList<>(positions == null ? 0 : positions.length);
        if (positions != null) for (int position : positions) found.add(entities.get(position));
        return found;
    }

    private static Map<Object, int[]> build(List<Object> entities, String field) {
        Map<Object, List<Integer>> lists = new HashMap<>();
        for (int i = 0; i < entities.size(); i++) {
            if (!(entities.get(i) instanceof Map<?, ?> entity)) continue;
            Object held = entity.get(field);
            if (held instanceof List<?> items) {
                for (Object item : items) if (item != null) add(lists, item, i);
            } else if (held != null) {
                add(lists, held, i);
            }
        }
        Map<Object, int[]> index = new HashMap<>();
        lists.forEach((value, at) -> index.put(value, at.stream().mapToInt(Integer::intValue).toArray()));
        return index;
    }

    private static void add(Map<Object, List<Integer>> lists, Object value, int position) {
        List<Integer> at = lists.computeIfAbsent(value, v -> new ArrayList<>());
        if (at.isEmpty() || at.getLast() != position) at.add(position); // a list holding the value twice: the entity once
    }

    /** The sorted union of two sorted position arrays (either may be null). */
    private static int[] union(int[] a, int[] b) {
        if (b == null) return a;
        if (a == null) return b;
        int[] out = new int[a.length + b.length];
        int i = 0, j = 0, n = 0;
        while (i < a.length || j < b.length) {
            int next = j >= b.length || i < a.length && a[i] <= b[j] ? a[i++] : b[j++];
            if (n == 0 || out[n - 1] != next) out[n++] = next;
        }
        return Arrays.copyOf(out, n);
    }
}
