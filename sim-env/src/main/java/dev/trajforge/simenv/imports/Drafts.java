package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks and copies shared by the draft records. */
final class Drafts {
    private Drafts() {
    }

    static String requireText(String text, String what) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException(what + " is blank");
        return text;
    }

    /** An unmodifiable copy that keeps the order; a blank key or a null value is an error naming {@code what}. */
    static <V> Map<String, V> orderedCopy(Map<String, V> map, String what) {
        if (map == null) return Map.of();
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key == null || key.isBlank()) throw new IllegalArgumentException(what + ": a blank name");
            if (value == null) throw new IllegalArgumentException(what + " '" + key + "': no value");
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** {@code text} as a JSONata string literal: {@code O'Brien} gives {@code "O'Brien"} (JSON escapes). */
    static String jsonataString(String text) {
        return new TextNode(text).toString();
    }
}
