package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The offline world model: does what a tool's {@link SimulationHints} say to the entities of the relevant state, the
 * same way every time (a read returns the entity, a create adds one under the request's new key, filling what the
 * arguments do not give from the schema, an update replaces the fields the arguments name, a delete removes). Tests
 * and the quickstart use it; so do task generation and {@code domains check}.
 *
 * <p>With {@code mistakes > 0} it also answers a share of first attempts wrongly on purpose, drawn from the request's
 * seed: a patch on a collection that does not exist, an entity that breaks its schema, or text that is not JSON, in
 * turn, so that the checks and regenerations of the simulated path run offline too.
 */
public final class ScriptedToolSimulator implements ToolSimulator {
    public static final String MODEL = "scripted/world-model";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int LISTED = 20;

    private final double mistakes;

    /** @param mistakes the share of first attempts answered wrongly on purpose, in [0, 1) */
    public ScriptedToolSimulator(double mistakes) {
        if (!(mistakes >= 0 && mistakes < 1)) throw new IllegalArgumentException("mistakes must be in [0, 1), got " + mistakes);
        this.mistakes = mistakes;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public SimulatorReply answer(SimulationRequest request) {
        return SimulatorReply.free(text(request));
    }

    private String text(SimulationRequest request) {
        if (request.attempt() == 1 && mistakes > 0) {
            SplittableRandom random = new SplittableRandom(request.seed());
            if (random.nextDouble() < mistakes) return mistake(request, random.nextInt(3));
        }
        ObjectNode reply = JSON.objectNode();
        ArrayNode patch = reply.putArray("patch");
        try {
            reply.set("result", result(request, patch));
            reply.putNull("error");
        } catch (Refusal refusal) {
            patch.removeAll();
            reply.putNull("result");
            reply.put("error", refusal.getMessage());
        }
        return CanonicalJson.write(reply);
    }

    private JsonNode result(SimulationRequest request, ArrayNode patch) {
        SimulationHints hints = request.hints();
        if (hints.action() == SimulationHints.Action.OTHER) return shaped(request, request.tool().kind() == ToolKind.READ ? request.state() : ok());
        String collection = hints.collection();
        JsonNode view = request.state().path(collection);
        JsonNode entities = view.path("entities");
        String keyField = view.path("key_field").asText();
        JsonNode keys = hints.key() == null ? null : request.arguments().get(hints.key());
        return switch (hints.action()) {
            case READ -> shaped(request, each(keys, key -> existing(entities, collection, key)));
            case LIST, SEARCH -> shaped(request, matching(entities, request.arguments(), hints));
            case CREATE -> shaped(request, created(request, collection, keyField, entities, patch));
            case UPDATE -> shaped(request, each(keys, key -> updated(request, collection, key, existing(entities, collection, key), patch)));
            case DELETE -> shaped(request, each(keys, key -> {
                existing(entities, collection, key);
                patch.add(op("remove", "/" + collection + "/" + pointer(key), null));
                return JSON.objectNode().put("deleted", key);
            }));
            case OTHER -> ok();
        };
    }

    private static JsonNode each(JsonNode keys, java.util.function.Function<String, JsonNode> action) {
        if (keys == null || keys.isNull()) throw new Refusal("no key was given");
        if (!keys.isArray()) return action.apply(keys.asText());
        ArrayNode results = JSON.arrayNode();
        keys.forEach(key -> results.add(action.apply(key.asText())));
        return results;
    }

    private static JsonNode existing(JsonNode entities, String collection, String key) {
        JsonNode entity = entities.get(key);
        if (entity == null) throw new Refusal(singular(collection) + " " + key + " not found");
        return entity;
    }

    private static JsonNode matching(JsonNode entities, ObjectNode arguments, SimulationHints hints) {
        ArrayNode found = JSON.arrayNode();
        for (JsonNode entity : entities) {
            if (found.size() >= LISTED) break;
            if (matches(entity, arguments, hints.action() == SimulationHints.Action.SEARCH)) found.add(entity);
        }
        return found;
    }

    /** Every argument that names a field of the entity holds there (a search: the text occurs); a search's other text argument occurs somewhere. */
    private static boolean matches(JsonNode entity, ObjectNode arguments, boolean search) {
        for (Iterator<Map.Entry<String, JsonNode>> it = arguments.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> argument = it.next();
            JsonNode wanted = argument.getValue();
            if (!wanted.isValueNode() && !wanted.isArray()) continue;
            JsonNode field = entity.get(argument.getKey());
            if (field == null) {
                if (search && wanted.isTextual() && !CanonicalJson.write(entity).toLowerCase(Locale.ROOT).contains(wanted.asText().toLowerCase(Locale.ROOT))) return false;
                continue;
            }
            if (!holds(field, wanted, search)) return false;
        }
        return true;
    }

    private static boolean holds(JsonNode field, JsonNode wanted, boolean search) {
        if (wanted.isArray()) {
            for (JsonNode one : wanted) if (holds(field, one, search)) return true;
            return wanted.isEmpty();
        }
        if (field.isArray()) {
            for (JsonNode one : field) if (holds(one, wanted, search)) return true;
            return false;
        }
        if (search && field.isTextual()) return field.asText().toLowerCase(Locale.ROOT).contains(wanted.asText().toLowerCase(Locale.ROOT));
        return field.asText().equals(wanted.asText());
    }

    private static JsonNode created(SimulationRequest request, String collection, String keyField, JsonNode entities, ArrayNode patch) {
        JsonNode schema = request.schemas().path(collection);
        List<JsonNode> items = new ArrayList<>();
        String itemsArgument = request.hints().items();
        if (itemsArgument != null && request.arguments().path(itemsArgument).isArray()) request.arguments().path(itemsArgument).forEach(items::add);
        else items.add(request.arguments());
        ArrayNode made = JSON.arrayNode();
        for (int i = 0; i < items.size(); i++) {
            ObjectNode entity = filled(schema, items.get(i));
            if (!entity.hasNonNull(keyField) || (itemsArgument == null && !request.arguments().has(keyField))) {
                if (request.newKey() == null) throw new Refusal("no key for the new " + singular(collection));
                entity.set(keyField, newKey(schema.path("properties").path(keyField), request.newKey(), i));
            }
            String key = entity.get(keyField).asText();
            if (entities.has(key)) throw new Refusal(singular(collection) + " " + key + " already exists");
            patch.add(op("add", "/" + collection + "/" + pointer(key), entity));
            made.add(entity);
        }
        return itemsArgument != null ? made : made.get(0);
    }

    private static JsonNode newKey(JsonNode keySchema, String newKey, int offset) {
        boolean integer = "integer".equals(keySchema.path("type").asText()) && newKey.matches("-?[0-9]+");
        if (integer) return JSON.numberNode(Long.parseLong(newKey) + offset);
        return JSON.textNode(offset == 0 ? newKey : newKey + "-" + offset);
    }

    private static JsonNode updated(SimulationRequest request, String collection, String key, JsonNode entity, ArrayNode patch) {
        ObjectNode after = entity.deepCopy();
        JsonNode properties = request.schemas().path(collection).path("properties");
        request.arguments().fields().forEachRemaining(argument -> {
            if (argument.getKey().equals(request.hints().key()) || !properties.has(argument.getKey())) return;
            if (argument.getKey().equals(request.state().path(collection).path("key_field").asText())) return;
            String path = "/" + collection + "/" + pointer(key) + "/" + pointer(argument.getKey());
            patch.add(op(after.has(argument.getKey()) ? "replace" : "add", path, argument.getValue()));
            after.set(argument.getKey(), argument.getValue());
        });
        return after;
    }

    /** The schema's properties the source gives, plus every required one it does not, from the schema. */
    private static ObjectNode filled(JsonNode schema, JsonNode source) {
        ObjectNode entity = JSON.objectNode();
        JsonNode properties = schema.path("properties");
        properties.fieldNames().forEachRemaining(name -> {
            if (source.hasNonNull(name)) entity.set(name, source.get(name).deepCopy());
        });
        for (JsonNode required : schema.path("required")) {
            if (!entity.has(required.asText())) entity.set(required.asText(), SchemaDefaults.of(properties.path(required.asText()), schema));
        }
        return entity;
    }

    /**
     * The result as the output schema wants it: as it is when it matches; else put into the object's field that fits
     * (the one named like the collection, else the first whose placing makes the whole valid: a list into a list field,
     * an entity into an object field); else, for a write, the acknowledgement the schema describes. Otherwise as it is,
     * and the checks refuse it.
     */
    private static JsonNode shaped(SimulationRequest request, JsonNode result) {
        JsonNode output = request.output();
        if (output == null) return result;
        OutputSchema schema = schema(output);
        if (schema.validate(result).isEmpty()) return result;
        JsonNode root = output.has("$ref") ? output.at(output.path("$ref").asText().replaceFirst("^#", "")) : output;
        if (root.path("properties").isObject()) {
            List<String> fields = new ArrayList<>();
            String collection = request.hints().collection();
            if (collection != null && root.path("properties").has(collection)) fields.add(collection);
            root.path("properties").fieldNames().forEachRemaining(name -> {
                if (!fields.contains(name)) fields.add(name);
            });
            for (String field : fields) {
                String type = root.path("properties").path(field).path("type").asText();
                JsonNode value = "array".equals(type) ? (result.isArray() ? result : JSON.arrayNode().add(result)) : result;
                if (!"array".equals(type) && !(result.isObject() && "object".equals(type))) continue;
                JsonNode plain = SchemaDefaults.of(root, output);
                if (!plain.isObject()) break;
                ((ObjectNode) plain).set(field, value);
                if (schema.validate(plain).isEmpty()) return plain;
            }
        }
        if (!request.hints().action().reads()) { // a write's answer is an acknowledgement: what the schema says it looks like
            JsonNode acknowledged = acknowledgement(root, output);
            if (schema.validate(acknowledged).isEmpty()) return acknowledged;
        }
        return result;
    }

    /** The plainest value of the schema, its top-level flags true and its free texts saying it was done ({success: true, message: "done"}). */
    private static JsonNode acknowledgement(JsonNode root, JsonNode output) {
        JsonNode plain = SchemaDefaults.of(root, output);
        if (plain instanceof ObjectNode object) {
            root.path("properties").fields().forEachRemaining(field -> {
                if (!object.has(field.getKey())) return;
                JsonNode property = field.getValue();
                if ("boolean".equals(property.path("type").asText())) object.put(field.getKey(), true);
                if ("string".equals(property.path("type").asText()) && !property.has("enum") && !property.has("format") && !property.has("pattern")) {
                    object.put(field.getKey(), "done");
                }
            });
        }
        return plain;
    }

    private static final java.util.Map<String, OutputSchema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    private static OutputSchema schema(JsonNode output) {
        if (SCHEMAS.size() > 1_000) SCHEMAS.clear();
        return SCHEMAS.computeIfAbsent(CanonicalJson.write(output), text -> new OutputSchema(output));
    }

    private String mistake(SimulationRequest request, int kind) {
        String collection = request.hints().collection() == null ? "things" : request.hints().collection();
        return switch (kind) {
            case 0 -> "{\"result\": {\"ok\": true}, \"error\": null, \"patch\": [{\"op\": \"add\", \"path\": \"/no_such_" + collection + "/x\", \"value\": {}}]}";
            case 1 -> "{\"result\": {\"ok\": true}, \"error\": null, \"patch\": [{\"op\": \"add\", \"path\": \"/" + collection + "/%%broken\", \"value\": {\"unexpected\": [1, 2]}}]}";
            default -> "Sure! The call worked and everything is fine.";
        };
    }

    private static ObjectNode ok() {
        return JSON.objectNode().put("status", "ok");
    }

    private static ObjectNode op(String op, String path, JsonNode value) {
        ObjectNode node = JSON.objectNode().put("op", op).put("path", path);
        if (value != null) node.set("value", value);
        return node;
    }

    static String pointer(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String singular(String collection) {
        return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
    }

    /** The tool's own failure (not found, exists already): an error result the agent sees, not a simulator failure. */
    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
