package dev.trajforge.simenv;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/**
 * The one JSON form used for state hashing and tool outputs: snake_case property names, sorted
 * keys (properties and map entries), nulls omitted, decimals written plainly. Same value, same bytes.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /**
     * The canonical mapper for trees that must render exactly as the values they came from: decimals
     * keep their scale ({@code 10.50} stays {@code 10.50}), read or built.
     */
    private static final ObjectMapper EXACT = MAPPER.copy()
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A plain mapper for parsing untrusted JSON (model output). */
    private static final ObjectMapper PARSER = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .build();

    private CanonicalJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static byte[] bytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code value} as a tree that renders with {@link #write} exactly as {@code value} does (keys sorted, decimals exact). */
    public static JsonNode exactTree(Object value) {
        return sorted(EXACT.valueToTree(value));
    }

    /** Parses canonical JSON text into a tree that renders back the same (decimals exact). */
    public static JsonNode parseExact(String json) {
        try {
            return EXACT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The mapper of {@link #exactTree}: for reading back trees that hold state (JSON Patch values). */
    public static ObjectMapper exactMapper() {
        return EXACT;
    }

    /** Parses JSON text, or returns null if it is not exactly one valid JSON value. */
    public static JsonNode parseOrNull(String json) {
        try {
            return PARSER.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Parses a string that must be a JSON object (tool-call arguments); null otherwise. */
    public static com.fasterxml.jackson.databind.node.ObjectNode parseObjectOrNull(String json) {
        JsonNode node = json == null ? null : parseOrNull(json);
        return node instanceof com.fasterxml.jackson.databind.node.ObjectNode object ? object : null;
    }

    /**
     * {@code node} with the fields of every object in key order, recursively: Jackson writes a tree as
     * it was built, so canonical text of a parsed tree (a config, tool-call arguments) needs this first.
     */
    public static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            java.util.TreeMap<String, JsonNode> fields = new java.util.TreeMap<>();
            node.properties().forEach(field -> fields.put(field.getKey(), sorted(field.getValue())));
            com.fasterxml.jackson.databind.node.ObjectNode copy = com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true).objectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true).arrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
