package dev.trajforge.exporter.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON as the report shows it: tool arguments and results pretty-printed, and the chart data safe inside a script element. */
final class JsonText {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code <}, {@code >}, {@code &} and the JavaScript line separators as {@code \\uXXXX}: no text can close the script element */
    private static final ObjectMapper SCRIPT_SAFE = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    static {
        SCRIPT_SAFE.getFactory().setCharacterEscapes(new ScriptEscapes());
    }

    private JsonText() {
    }

    /** {@code text} pretty-printed when it is a JSON object or array, else null. */
    static String prettyOrNull(String text) {
        if (text == null) return null;
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return null;
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node == null ? null : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code text} pretty-printed when it is JSON, else as it is. */
    static String pretty(String text) {
        String pretty = prettyOrNull(text);
        return pretty == null ? text : pretty;
    }

    /** {@code value} as JSON text that can stand inside {@code <script type="application/json">} as it is. */
    static String forScript(Object value) {
        try {
            return SCRIPT_SAFE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's chart data", e);
        }
    }

    static JsonNode parse(String json) throws JsonProcessingException {
        return JSON.readTree(json);
    }

    private static final class ScriptEscapes extends CharacterEscapes {
        private final int[] escapes;

        ScriptEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028) return new SerializedString("\\u2028");
            if (ch == 0x2029) return new SerializedString("\\u2029");
            return null;
        }
    }
}
