package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One file of a pack (YAML, or JSON, which is YAML too) as a JSON tree that remembers the line of
 * every key, so that any later problem can name file, line and key. Numbers are read exactly
 * (integers as integers, decimals as decimals). Built with SnakeYAML's node API, which keeps positions.
 */
final class PackDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final String file;
    private final String text;
    private final JsonNode root;
    private final Map<String, Integer> lines = new HashMap<>();

    private PackDocument(String file, String text, Node yaml, PackProblems problems) {
        this.file = file;
        this.text = text;
        this.root = yaml == null ? NODES.nullNode() : convert(yaml, "", problems);
    }

    /** The file's text as a document; a file that is not valid YAML is one problem (its line, the key above it) and null. */
    static PackDocument read(Path pack, String relative, PackProblems problems) {
        Path path = pack.resolve(relative);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new PackProblem(relative, 0, "", "cannot read: " + e.getMessage()));
            return null;
        }
        return parse(relative, text, problems);
    }

    static PackDocument parse(String file, String text, PackProblems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(16 * 1024 * 1024);
        try {
            Node node = new Yaml(new org.yaml.snakeyaml.constructor.Constructor(options),
                    new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
                    new org.yaml.snakeyaml.DumperOptions(), options, new CoreSchemaResolver()).compose(new StringReader(text));
            return new PackDocument(file, text, node, problems);
        } catch (MarkedYAMLException e) {
            // the line where the broken construct starts (an unclosed list: where it opens), and where the parser noticed
            Mark mark = e.getContextMark() != null ? e.getContextMark() : e.getProblemMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String problem = (e.getContext() == null ? "" : e.getContext() + ", ") + e.getProblem();
            if (e.getContextMark() != null && e.getProblemMark() != null && e.getProblemMark().getLine() != e.getContextMark().getLine()) {
                problem += " (noticed at line " + (e.getProblemMark().getLine() + 1) + ")";
            }
            problems.add(new PackProblem(file, line, keyAbove(text, line), "YAML syntax error: " + problem.strip()));
            return null;
        } catch (RuntimeException e) { // e.g. a document too large
            problems.add(new PackProblem(file, 0, "", "not readable as YAML: " + e.getMessage()));
            return null;
        }
    }

    /**
     * YAML 1.2's core schema for plain scalars: only true/false are booleans (not yes/no/on/off), and
     * dates stay strings; integers, decimals and null as usual.
     */
    private static final class CoreSchemaResolver extends org.yaml.snakeyaml.resolver.Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, java.util.regex.Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tfTF");
            addImplicitResolver(Tag.INT, java.util.regex.Pattern.compile("^[-+]?[0-9]+$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT, java.util.regex.Pattern.compile("^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"), "-+0123456789.");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    String file() {
        return file;
    }

    PackNode root() {
        return new PackNode(this, "", root);
    }

    /** The line of the key at {@code path}, or of its nearest ancestor that has one; 1 at worst. */
    int line(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) return line;
            if (p.isEmpty()) return 1;
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    private JsonNode convert(Node node, String path, PackProblems problems) {
        lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        switch (node) {
            case MappingNode mapping -> {
                ObjectNode object = NODES.objectNode();
                for (NodeTuple tuple : mapping.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                        problems.add(new PackProblem(file, tuple.getKeyNode().getStartMark().getLine() + 1, path, "a key must be a plain string"));
                        continue;
                    }
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    lines.put(child, key.getStartMark().getLine() + 1);
                    if (object.has(key.getValue())) {
                        problems.add(new PackProblem(file, key.getStartMark().getLine() + 1, child, "duplicate key"));
                        continue;
                    }
                    object.set(key.getValue(), convert(tuple.getValueNode(), child, problems));
                }
                return object;
            }
            case SequenceNode sequence -> {
                ArrayNode array = NODES.arrayNode();
                List<Node> items = sequence.getValue();
                for (int i = 0; i < items.size(); i++) array.add(convert(items.get(i), path + "[" + i + "]", problems));
                return array;
            }
            case ScalarNode scalar -> {
                return scalar(scalar, path, problems);
            }
            default -> {
                problems.add(new PackProblem(file, node.getStartMark().getLine() + 1, path, "unsupported YAML node (anchors and aliases are not allowed)"));
                return NODES.nullNode();
            }
        }
    }

    private JsonNode scalar(ScalarNode scalar, String path, PackProblems problems) {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (Tag.NULL.equals(tag)) return NODES.nullNode();
            if (Tag.BOOL.equals(tag)) return NODES.booleanNode(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("on"));
            if (Tag.INT.equals(tag)) {
                BigInteger integer = new BigInteger(value.replace("_", ""));
                return integer.bitLength() < 64 ? NODES.numberNode(integer.longValue()) : NODES.numberNode(integer);
            }
            if (Tag.FLOAT.equals(tag)) return NODES.numberNode(new BigDecimal(value.replace("_", "")));
        } catch (NumberFormatException e) {
            problems.add(new PackProblem(file, scalar.getStartMark().getLine() + 1, path, "not a number: " + value));
            return NODES.nullNode();
        }
        return NODES.textNode(value);
    }

    /** The nearest {@code key:} at or above {@code line}, for a syntax error that has no parsed key. */
    private static String keyAbove(String text, int line) {
        String[] all = text.split("\n", -1);
        for (int i = Math.min(line, all.length) - 1; i >= 0; i--) {
            String trimmed = all[i].strip();
            if (trimmed.startsWith("- ")) trimmed = trimmed.substring(2).strip();
            int colon = trimmed.indexOf(':');
            if (colon > 0 && !trimmed.startsWith("#")) {
                String key = trimmed.substring(0, colon).replace("\"", "").replace("'", "").strip();
                if (key.matches("[A-Za-z0-9_$-]+")) return key;
            }
        }
        return "";
    }
}
