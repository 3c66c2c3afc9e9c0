package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The seed entities of one collection as an intent planner sees them: which a tool's arguments suit, and how to name them. */
final class Entities {
    private static final Set<String> SCALARS = Set.of("string", "integer", "number", "boolean");

    private final DraftCollection collection;
    private final DraftTool tool;

    Entities(DraftCollection collection, DraftTool tool) {
        this.collection = collection;
        this.tool = tool;
    }

    String singular() {
        String name = collection.name().replace('_', ' ');
        return name.endsWith("ies") ? name.substring(0, name.length() - 3) + "y" : name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    String keyExpression() {
        return "$e." + ArgumentSource.quoted(collection.key());
    }

    /** The entity's key passed as the argument {@code argument} wants it: as it is, as text, or in a list. */
    ArgumentSource key(String argument) {
        JsonNode parameter = tool.parameters().path("properties").path(argument);
        String type = SchemaValues.type(parameter);
        boolean integerKey = "integer".equals(SchemaValues.type(collection.schema().path("properties").path(collection.key())));
        ArgumentSource.Shape shape = type.equals("array") ? ArgumentSource.Shape.IN_LIST
                : type.equals("string") && integerKey ? ArgumentSource.Shape.AS_TEXT : ArgumentSource.Shape.AS_IS;
        return new ArgumentSource.EntityField(collection.key(), shape);
    }

    /** An argument a listing's entity satisfies: the field of its name, shaped as the argument wants it; null when there is none. */
    ArgumentSource matching(String argument, JsonNode parameter, boolean search) {
        JsonNode field = collection.schema().path("properties").get(argument);
        String parameterType = SchemaValues.type(parameter);
        if (field == null) {
            Set<String> required = IntentPlanner.required(tool);
            if (search && required.contains(argument) && parameterType.equals("string") && textField() != null) {
                return new ArgumentSource.EntityField(textField(), ArgumentSource.Shape.AS_IS); // a search's free text: a word the entity has
            }
            return null;
        }
        String fieldType = SchemaValues.type(field);
        if (SCALARS.contains(fieldType)) {
            if (parameterType.equals("array") && SCALARS.contains(SchemaValues.type(parameter.path("items")))) return new ArgumentSource.EntityField(argument, ArgumentSource.Shape.IN_LIST);
            if (parameterType.equals("string") && !fieldType.equals("string")) return new ArgumentSource.EntityField(argument, ArgumentSource.Shape.AS_TEXT);
            return SCALARS.contains(parameterType) ? new ArgumentSource.EntityField(argument, ArgumentSource.Shape.AS_IS) : null;
        }
        if (fieldType.equals("array") && SCALARS.contains(SchemaValues.type(field.path("items")))) {
            if (parameterType.equals("array")) return new ArgumentSource.EntityField(argument, ArgumentSource.Shape.FIRST_IN_LIST);
            if (SCALARS.contains(parameterType)) return new ArgumentSource.EntityField(argument, ArgumentSource.Shape.FIRST);
        }
        return null;
    }

    /** The seed entities for which every argument has a value and the arguments are valid. */
    List<JsonNode> valid(Map<String, ArgumentSource> args, ObjectNode... drawn) {
        List<JsonNode> valid = new ArrayList<>();
        for (ObjectNode entity : collection.seed()) {
            ObjectNode arguments = JsonNodeFactory.instance.objectNode();
            boolean complete = true;
            for (var argument : args.entrySet()) {
                JsonNode value = argument.getValue() instanceof ArgumentSource.Drawn d ? find(d.name(), drawn) : argument.getValue().value(entity, null);
                if (value.isMissingNode()) complete = false;
                else arguments.set(argument.getKey(), value);
            }
            if (complete && new dev.trajforge.simenv.tools.ArgumentSchema(tool.parameters()).validate(arguments).isEmpty()) valid.add(entity);
        }
        return valid;
    }

    boolean validArguments(DraftTool tool, Map<String, JsonNode> sample) {
        return IntentPlanner.validArguments(tool, sample);
    }

    /** The slot drawing one of {@code valid}: any entity when all are, else one of their keys. */
    String pick(List<JsonNode> valid) {
        String all = "$all('" + collection.name() + "')";
        if (valid.size() == collection.seed().size()) return "$pick(" + all + ")";
        ArrayNode keys = JsonNodeFactory.instance.arrayNode();
        valid.forEach(entity -> keys.add(entity.get(collection.key())));
        return "$pick(" + all + "[" + ArgumentSource.quoted(collection.key()) + " in " + keys + "])";
    }

    /** Whether a list shows the entity whatever else matches: it is among the first {@value IntentPlanner#LISTED} in key order. */
    boolean listedFirst(JsonNode entity) {
        TreeMap<String, JsonNode> byKey = new TreeMap<>();
        collection.seed().forEach(e -> byKey.put(e.get(collection.key()).asText(), e));
        return new ArrayList<>(byKey.keySet()).indexOf(entity.get(collection.key()).asText()) < IntentPlanner.LISTED;
    }

    /** The fact a task about an entity tells: a text field every one of {@code entities} has, else its key. */
    String factField(List<JsonNode> entities) {
        String field = textField(entities);
        return field != null ? "$e." + ArgumentSource.quoted(field) : "$string(" + keyExpression() + ")";
    }

    private String textField() {
        return textField(collection.seed().stream().map(e -> (JsonNode) e).toList());
    }

    private String textField(List<JsonNode> entities) {
        List<String> fields = new ArrayList<>();
        collection.schema().path("properties").fields().forEachRemaining(field -> {
            if (!field.getKey().equals(collection.key()) && "string".equals(SchemaValues.type(field.getValue()))) fields.add(field.getKey());
        });
        for (String field : fields) {
            if (entities.stream().allMatch(e -> e.path(field).isTextual() && e.path(field).asText().length() >= 3)) return field;
        }
        return null;
    }

    /** The entity fields an update changes: the required ones it names, else up to two it may name (text first). */
    List<String> changeable(DraftTool tool, String keyArgument) {
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        JsonNode fields = collection.schema().path("properties");
        Set<String> requiredArguments = IntentPlanner.required(tool);
        tool.parameters().path("properties").fieldNames().forEachRemaining(name -> {
            if (name.equals(keyArgument) || name.equals(collection.key()) || !fields.has(name)) return;
            if (requiredArguments.contains(name)) required.add(name);
            else if (SCALARS.contains(SchemaValues.type(fields.get(name))) && !name.equalsIgnoreCase("id")) optional.add(name);
        });
        optional.sort((a, b) -> Boolean.compare(!"string".equals(SchemaValues.type(fields.get(a))), !"string".equals(SchemaValues.type(fields.get(b)))));
        boolean scalarRequired = required.stream().anyMatch(name -> SCALARS.contains(SchemaValues.type(fields.get(name))));
        List<String> changed = new ArrayList<>(required);
        if (!scalarRequired) changed.addAll(optional.subList(0, Math.min(2, optional.size())));
        return changed;
    }

    /** The arguments a create passes: the required ones, the key, and up to three more fields of the entity. */
    List<String> creatable(DraftTool tool, Set<String> requiredArguments) {
        List<String> names = new ArrayList<>(requiredArguments);
        String key = tool.simulation().key();
        if (key != null && !names.contains(key)) names.add(key);
        JsonNode fields = collection.schema().path("properties");
        int extra = 0;
        for (var it = tool.parameters().path("properties").fieldNames(); it.hasNext() && extra < 3; ) {
            String name = it.next();
            if (!names.contains(name) && fields.has(name) && SCALARS.contains(SchemaValues.type(fields.get(name)))) {
                names.add(name);
                extra++;
            }
        }
        return names;
    }

    Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        collection.seed().forEach(e -> keys.add(e.get(collection.key()).asText()));
        return keys;
    }

    long nextKey() {
        long largest = 0;
        for (ObjectNode entity : collection.seed()) largest = Math.max(largest, entity.path(collection.key()).asLong());
        return largest + 1;
    }

    /** A list holding one new entity drawn from the schema, under a key no seed entity has. */
    static JsonNode freshList(DraftCollection collection, JsonNode entity, Set<String> taken, int variant) {
        ObjectNode fresh = entity.deepCopy();
        JsonNode key = fresh.get(collection.key());
        if (key == null || key.isIntegralNumber()) {
            long largest = 0;
            for (ObjectNode seed : collection.seed()) largest = Math.max(largest, seed.path(collection.key()).asLong());
            fresh.put(collection.key(), largest + 1 + variant);
        } else if (taken.contains(key.asText())) {
            fresh.set(collection.key(), TextNode.valueOf(key.asText() + "-new" + (variant + 1)));
        }
        return JsonNodeFactory.instance.arrayNode().add(fresh);
    }

    private static JsonNode find(String name, ObjectNode... drawn) {
        for (ObjectNode values : drawn) if (values.has(name)) return values.get(name);
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
