package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Where a planned gold step's argument comes from, as a JSONata expression over the intent's slots ({@code $e}: the
 * entity the task is about, {@code $v}: the task's drawn values) and as the same value computed here, so that an
 * intent is checked against the seed data before it is written.
 */
sealed interface ArgumentSource {
    /** The slot naming the entity a task is about. */
    String ENTITY = "e";
    /** The slot holding a task's drawn values. */
    String VALUES = "v";

    String expression();

    /** The value for a task about {@code entity} with drawn {@code values} (missing when there is none). */
    JsonNode value(JsonNode entity, JsonNode values);

    /** How a field of the entity is passed: as it is, as text, in a list, its first element, or that in a list. */
    enum Shape { AS_IS, AS_TEXT, IN_LIST, FIRST, FIRST_IN_LIST }

    /** A field of the task's entity. */
    record EntityField(String field, Shape shape) implements ArgumentSource {
        @Override
        public String expression() {
            String path = "$" + ENTITY + "." + quoted(field);
            return switch (shape) {
                case AS_IS -> path;
                case AS_TEXT -> "$string(" + path + ")";
                case IN_LIST -> "[" + path + "]";
                case FIRST -> path + "[0]";
                case FIRST_IN_LIST -> "[" + path + "[0]]";
            };
        }

        @Override
        public JsonNode value(JsonNode entity, JsonNode values) {
            JsonNode value = entity.path(field);
            if (value.isMissingNode() || value.isNull()) return MissingNode.getInstance();
            JsonNodeFactory f = JsonNodeFactory.instance;
            return switch (shape) {
                case AS_IS -> value;
                case AS_TEXT -> f.textNode(value.asText());
                case IN_LIST -> f.arrayNode().add(value);
                case FIRST -> value.isArray() && !value.isEmpty() ? value.get(0) : MissingNode.getInstance();
                case FIRST_IN_LIST -> value.isArray() && !value.isEmpty() ? f.arrayNode().add(value.get(0)) : MissingNode.getInstance();
            };
        }
    }

    /** One of the task's drawn values, in the slot {@code slot}. */
    record Drawn(String slot, String name) implements ArgumentSource {
        @Override
        public String expression() {
            return "$" + slot + "." + ArgumentSource.quoted(name);
        }

        @Override
        public JsonNode value(JsonNode entity, JsonNode values) {
            return values.path(name);
        }
    }

    /** The next integer key of a collection: one more than the largest. */
    record NextKey(String collection, String field) implements ArgumentSource {
        @Override
        public String expression() {
            return "$max($all('" + collection + "')." + quoted(field) + ") + 1";
        }

        @Override
        public JsonNode value(JsonNode entity, JsonNode values) {
            return MissingNode.getInstance(); // known only in the world; the key schema is an integer one
        }
    }

    /** A field name in a JSONata path: as it is, or in backquotes when it is not a plain name. */
    static String quoted(String field) {
        return field.matches("[A-Za-z_][A-Za-z0-9_]*") ? field : "`" + field + "`";
    }
}
