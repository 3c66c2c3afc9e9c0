package dev.trajforge.collector.anonymize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * Tool arguments and results that are JSON: parsed (numbers exact), walked value by value with the key
 * each stands under, and written back compact. A string that is not a JSON object or array stays text.
 */
final class JsonTrees {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** What becomes of one string or integer value, given the detector its (normalized) key names, or null. */
    interface Values {
        String rewrite(String value, Detector keyed);
    }

    private JsonTrees() {}

    /** The tree if the string is a JSON object or array, else null (plain text stays text). */
    static JsonNode parse(String s) {
        String t = s.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(t);
            return node != null && node.isContainerNode() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code original} itself when no value changed, else the rewritten tree written compact. */
    static String rewrite(String original, JsonNode tree, Values values) {
        JsonNode rewritten = rewrite(tree, null, values);
        if (rewritten.equals(tree)) {
            return original;
        }
        try {
            return JSON.writeValueAsString(rewritten);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("re-serializing a parsed JSON tree", e);
        }
    }

    private static JsonNode rewrite(JsonNode node, String key, Values values) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), rewrite(e.getValue(), PersonalKeys.normalize(e.getKey()), values));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            for (JsonNode v : node) {
                copy.add(rewrite(v, key, values));
            }
            return copy;
        }
        Detector keyed = PersonalKeys.detectorOf(key);
        if (node.isTextual()) {
            return TextNode.valueOf(values.rewrite(node.asText(), keyed));
        }
        if (node.isIntegralNumber() && keyed != null) {
            String text = node.asText();
            String fake = values.rewrite(text, keyed);
            return fake.equals(text) ? node : JSON.getNodeFactory().numberNode(new BigInteger(fake));
        }
        return node;
    }
}
