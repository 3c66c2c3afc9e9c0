package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A position in a pack file's tree: its value and its key path, so that every reading mistake
 * (missing key, wrong type, unknown key) becomes a problem naming file, line and key, and reading
 * goes on. Reading methods return a neutral value (null, empty) after recording the problem.
 */
final class PackNode {
    private final PackDocument document;
    private final String path;
    private final JsonNode value;

    PackNode(PackDocument document, String path, JsonNode value) {
        this.document = document;
        this.path = path;
        this.value = value;
    }

    JsonNode value() {
        return value;
    }

    String path() {
        return path;
    }

    String file() {
        return document.file();
    }

    int line() {
        return document.line(path);
    }

    boolean present() {
        return !value.isMissingNode() && !value.isNull();
    }

    PackNode get(String key) {
        String child = path.isEmpty() ? key : path + "." + key;
        return new PackNode(document, child, value.isObject() && value.has(key) ? value.get(key) : MissingNode.getInstance());
    }

    /** The child, or a problem "is required" when absent. */
    PackNode required(String key, PackProblems problems) {
        PackNode child = get(key);
        if (!child.present()) problems.add(new PackProblem(file(), line(), child.path(), "is required"));
        return child;
    }

    PackProblem problem(String message) {
        return new PackProblem(file(), line(), path, message);
    }

    /** The text of a string value; null (and a problem) for anything else. */
    String text(PackProblems problems) {
        if (!present()) return null;
        if (value.isTextual()) return value.asText();
        problems.add(problem("must be a string, got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        return null;
    }

    String text(String fallback, PackProblems problems) {
        String text = text(problems);
        return text == null ? fallback : text;
    }

    double number(double fallback, PackProblems problems) {
        if (!present()) return fallback;
        if (value.isNumber()) return value.asDouble();
        problems.add(problem("must be a number, got " + value));
        return fallback;
    }

    boolean bool(boolean fallback, PackProblems problems) {
        if (!present()) return fallback;
        if (value.isBoolean()) return value.asBoolean();
        problems.add(problem("must be true or false, got " + value));
        return fallback;
    }

    /** The items of a list value (empty when absent); a problem when it is not a list. */
    List<PackNode> items(PackProblems problems) {
        if (!present()) return List.of();
        if (!value.isArray()) {
            problems.add(problem("must be a list"));
            return List.of();
        }
        List<PackNode> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) items.add(new PackNode(document, path + "[" + i + "]", value.get(i)));
        return items;
    }

    /** The entries of a map value in file order (empty when absent); a problem when it is not a map. */
    Map<String, PackNode> entries(PackProblems problems) {
        if (!present()) return Map.of();
        if (!value.isObject()) {
            problems.add(problem("must be a map of keys to values"));
            return Map.of();
        }
        Map<String, PackNode> entries = new LinkedHashMap<>();
        value.fieldNames().forEachRemaining(key -> entries.put(key, get(key)));
        return entries;
    }

    /** A problem for every key of this map that is not in {@code known}. */
    void onlyKeys(Set<String> known, PackProblems problems) {
        if (!value.isObject()) return;
        value.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) problems.add(get(key).problem("unknown key (known here: " + String.join(", ", new java.util.TreeSet<>(known)) + ")"));
        });
    }
}
