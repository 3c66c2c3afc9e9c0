package dev.trajforge.simenv.pack;

import java.util.List;

/** What expressions may read of a state: one entity, or a whole collection in key order. */
interface StateReader {
    /** The entity, or null. */
    Object get(String collection, String key);

    /** Every entity of the collection in key order; an unknown collection is an error naming it. */
    List<Object> all(String collection);

    /**
     * The entities of the collection, in key order, where one of {@code fields} equals one of {@code values} or is a
     * list holding one ({@code $where}); by default a search of {@link #all}.
     */
    default List<Object> where(String collection, List<String> fields, java.util.Set<Object> values) {
        List<Object> found = new java.util.ArrayList<>();
        for (Object entity : all(collection)) {
            if (entity instanceof java.util.Map<?, ?> map && holds(map, fields, values)) found.add(entity);
        }
        return found;
    }

    private static boolean holds(java.util.Map<?, ?> entity, List<String> fields, java.util.Set<Object> values) {
        for (String field : fields) {
            Object held = entity.get(field);
            if (held instanceof List<?> list) {
                for (Object item : list) if (values.contains(item)) return true;
            } else if (held != null && values.contains(held)) {
                return true;
            }
        }
        return false;
    }
}
