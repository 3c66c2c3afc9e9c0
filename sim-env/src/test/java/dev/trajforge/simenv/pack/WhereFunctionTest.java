package dev.trajforge.simenv.pack;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code $where(collection, fields, values)} gives exactly what the JSONata filter it replaces gives, in key order:
 * the entities where a field equals a value or is a list holding one.
 */
class WhereFunctionTest {
    private static final List<Object> EVENTS = List.of(
            Map.of("event_id", "E1", "organizer", "ana@x", "attendees", List.of("ana@x", "bo@x"), "status", "confirmed"),
            Map.of("event_id", "E2", "organizer", "bo@x", "attendees", List.of("bo@x"), "status", "cancelled"),
            Map.of("event_id", "E3", "organizer", "cy@x", "attendees", List.of("cy@x", "ana@x"), "status", "confirmed"),
            Map.of("event_id", "E4", "organizer", "dee@x", "attendees", List.of(), "status", "confirmed"));
    private static final StateReader STATE = new StateReader() {
        @Override
        public Object get(String collection, String key) {
            return null;
        }

        @Override
        public List<Object> all(String collection) {
            return EVENTS;
        }
    };

    private static Object ids(String expression) {
        Map<String, Object> variables = new HashMap<>(StateFunctions.bindings(STATE, Instant.parse("2024-06-03T09:00:00Z"), null, null));
        return PackExpression.compileRendered("[(" + expression + ").event_id]").evaluate(null, variables);
    }

    @Test
    void should_find_what_the_filter_over_all_entities_finds_in_key_order() {
        assertEquals(ids("$all('events')[organizer = 'ana@x' or 'ana@x' in attendees]"), ids("$where('events', ['organizer', 'attendees'], 'ana@x')"));
        assertEquals(List.of("E1", "E3"), ids("$where('events', ['organizer', 'attendees'], 'ana@x')"));
        assertEquals(List.of("E2"), ids("$where('events', 'organizer', 'bo@x')"));
        assertEquals(List.of("E1", "E2", "E3"), ids("$where('events', 'attendees', ['bo@x', 'cy@x'])"), "any of several values");
        assertEquals(List.of("E3"), ids("$where('events', 'attendees', 'ana@x')[status = 'confirmed' and organizer != 'ana@x']"));
        assertEquals(List.of(), ids("$where('events', 'organizer', 'nobody@x')"));
        assertEquals(List.of(), ids("$where('events', 'organizer', $missing)"), "no value: nothing");
    }

    @Test
    void should_find_the_same_entities_through_the_base_states_indexes_as_by_searching_every_entity() {
        FieldIndexes indexes = new FieldIndexes(Map.of("events", EVENTS));
        List<List<String>> fieldSets = List.of(List.of("organizer"), List.of("attendees"), List.of("organizer", "attendees"), List.of("status"),
                List.of("room_id"));
        List<java.util.Set<Object>> valueSets = List.of(java.util.Set.of("ana@x"), java.util.Set.of("bo@x", "cy@x"), java.util.Set.of("dee@x"),
                java.util.Set.of("confirmed"), java.util.Set.of("nobody@x"));
        for (List<String> fields : fieldSets) {
            for (java.util.Set<Object> values : valueSets) {
                assertEquals(STATE.where("events", fields, values), indexes.where("events", fields, values), fields + " " + values);
            }
        }
    }
}
