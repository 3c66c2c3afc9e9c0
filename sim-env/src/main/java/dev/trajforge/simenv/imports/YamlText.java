package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders maps, lists and JSON trees as block-style YAML with SnakeYAML. Its YAML 1.1 resolver quotes every
 * string that could read as anything else ({@code "yes"}, {@code "1.0"}), which is at least what the packs'
 * YAML 1.2 core schema needs.
 */
final class YamlText {
    private static final Yaml YAML = new Yaml(options());

    private YamlText() {
    }

    private static DumperOptions options() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        options.setSplitLines(false);
        options.setPrettyFlow(true);
        return options;
    }

    static String render(Object document) {
        return YAML.dump(plain(document));
    }

    /** JSON trees inside {@code value} as plain maps, lists and scalars (integers exact, decimals as written). */
    static Object plain(Object value) {
        if (value instanceof JsonNode node) return fromNode(node);
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) out.put(String.valueOf(k), plain(v));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) out.add(plain(item));
            return out;
        }
        return value;
    }

    private static Object fromNode(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.properties().forEach(e -> out.put(e.getKey(), fromNode(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(item -> out.add(fromNode(item)));
            return out;
        }
        if (node.isIntegralNumber()) return node.bigIntegerValue();
        if (node.isNumber()) return node.decimalValue();
        if (node.isBoolean()) return node.booleanValue();
        if (node.isNull()) return null;
        return node.asText();
    }
}
