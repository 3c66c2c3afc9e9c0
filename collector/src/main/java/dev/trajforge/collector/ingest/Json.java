package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON reading for session logs: numbers kept exactly as written (so arguments re-rendered from a
 * parsed object say what the log said), field order kept, and typed field access that rejects with
 * {@code wrong type: ...}. Reasons never quote the log's text, only field names and ids.
 */
final class Json {
    /** A logged tool result may be one very long string (a file, a page): no cap below what a line can hold. */
    static final ObjectMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                            .maxStringLength(Integer.MAX_VALUE).build())
                    .build())
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** {@code text} parsed, or a Reject {@code bad JSON: ...} (the parser's complaint without the offending token's text). */
    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Reject("bad JSON: " + describe(e));
        }
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof JsonEOFException) return "unexpected end of input";
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        message = message.replaceAll("(?s)Unrecognized token '.*?': ", "unrecognized token: ");
        message = message.replaceAll(" \\(bound as `[^`]*`\\)", "").replaceAll(": not allowed as per `[^`]*`", "");
        int newline = message.indexOf('\n');
        if (newline >= 0) message = message.substring(0, newline);
        var location = e.getLocation();
        return location == null || location.getColumnNr() < 1 ? message : message + " (column " + location.getColumnNr() + ")";
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a parsed JSON tree", e);
        }
    }

    static ObjectNode object(JsonNode node, String what) {
        if (node instanceof ObjectNode object) return object;
        throw new Reject("wrong type: " + what + " must be an object");
    }

    /** Field {@code name} of {@code node} as a list; absent or null gives an empty list. */
    static List<JsonNode> list(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return List.of();
        if (!(value instanceof ArrayNode array)) throw new Reject("wrong type: " + name + " must be a list");
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        return items;
    }

    /** Field {@code name} as text; absent or null gives null. */
    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw new Reject("wrong type: " + name + " must be a string");
        return value.textValue();
    }

    static String requiredText(JsonNode node, String name, String where) {
        String value = text(node, name);
        if (value == null) throw new Reject("missing " + name + " in " + where);
        return value;
    }

    /**
     * Message content as text: a string as it is, or a list of parts whose types are all in
     * {@code textTypes}, their texts joined by a blank line; null for none; any other part is rejected.
     */
    static String textParts(JsonNode content, java.util.Set<String> textTypes) {
        if (content == null || content.isNull()) return null;
        if (content.isTextual()) return content.textValue();
        if (!content.isArray()) throw new Reject("wrong type: content must be a string or a list");
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            object(part, "a content part");
            String type = requiredText(part, "type", "a content part");
            if (!textTypes.contains(type)) throw new Reject("unsupported content part '" + type + "'");
            if (!text.isEmpty()) text.append("\n\n");
            text.append(requiredText(part, "text", "a " + type + " part"));
        }
        return text.toString();
    }

    static boolean bool(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return false;
        if (!value.isBoolean()) throw new Reject("wrong type: " + name + " must be a boolean");
        return value.booleanValue();
    }
}
