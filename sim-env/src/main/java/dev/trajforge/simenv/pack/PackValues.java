package dev.trajforge.simenv.pack;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one form values take between JSON trees and JSONata: maps, lists, strings, booleans, null, and
 * numbers as {@code Long} when integral, else {@code Double}. State entities are kept in this form
 * (JSONata reads it without conversion); every value entering the state passes {@link #normalized},
 * so that an integral result of arithmetic ({@code 150.0}) and the integer {@code 150} are one value,
 * with one canonical JSON form and one hash.
 */
final class PackValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private PackValues() {
    }

    /** A JSON tree as pack values (unmodifiable maps and lists). */
    static Object fromNode(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) return null;
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), fromNode(e.getValue())));
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) list.add(fromNode(item));
            return Collections.unmodifiableList(list);
        }
        if (node.isTextual()) return node.asText();
        if (node.isBoolean()) return node.asBoolean();
        if (node.isNumber()) return number(node.numberValue());
        throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }

    /** The classes of the collections this class makes: a value of one of them is in normal form already (entities of the state). */
    private static final Class<?> NORMAL_MAP = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();
    private static final Class<?> NORMAL_LIST = Collections.unmodifiableList(new ArrayList<>()).getClass();

    /** A JSONata result (or any pack value) in normal form: Jsonata's null as null, numbers as Long or Double, collections unmodifiable. */
    static Object normalized(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) return null;
        if (value instanceof String || value instanceof Boolean) return value;
        if (value instanceof Number number) return number(number);
        if (value.getClass() == NORMAL_MAP || value.getClass() == NORMAL_LIST) return value; // made here, so normal all the way down
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalized(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) copy.add(normalized(item));
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getSimpleName() + " " + value);
    }

    private static Object number(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) return number.longValue();
        if (number instanceof BigInteger big) return big.bitLength() < 64 ? (Object) big.longValue() : big.doubleValue();
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalArgumentException("not a JSON number: " + number);
        if (d == Math.rint(d) && Math.abs(d) < 9.0e15) return (long) d;
        return number instanceof BigDecimal decimal ? decimal.doubleValue() : d;
    }

    /** A pack value as a JSON tree (the form JSON Patch and JSON Schema work on). */
    static JsonNode toNode(Object value) {
        Object v = normalized(value);
        if (v == null) return NODES.nullNode();
        if (v instanceof String s) return NODES.textNode(s);
        if (v instanceof Boolean b) return NODES.booleanNode(b);
        if (v instanceof Long l) return NODES.numberNode(l);
        if (v instanceof Double d) return NODES.numberNode(d);
        if (v instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, item) -> object.set((String) k, toNode(item)));
            return object;
        }
        ArrayNode array = NODES.arrayNode();
        for (Object item : (List<?>) v) array.add(toNode(item));
        return array;
    }

    /** A value as text in a template or a tool's answer: strings as they are, numbers without a needless ".0", the rest as JSON. */
    static String text(Object value) {
        Object v = normalized(value);
        if (v == null) return "null";
        if (v instanceof String s) return s;
        if (v instanceof Double d) return BigDecimal.valueOf(d).toPlainString();
        if (v instanceof Long || v instanceof Boolean) return v.toString();
        return CanonicalJson.write(toNode(v));
    }

    /** Whether a slot's value counts as empty (the draw is redone): nothing, or an empty list or string. */
    static boolean empty(Object value) {
        return value == null || value == Jsonata.NULL_VALUE || (value instanceof List<?> list && list.isEmpty())
                || (value instanceof String s && s.isEmpty());
    }
}
