package dev.trajforge.simenv.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import dev.trajforge.simenv.CanonicalJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The entities a list of {@link StateChange}s leaves behind: each call's operations are grouped by the
 * entity they address ({@code /<collection>/<key>/...}) and applied, in order, to a private copy of
 * that entity (from the base state the first time), with zjsonpatch. Entities no change touches are
 * not read. An operation that addresses no known collection, moves or copies across entities, or does
 * not apply is an {@link IllegalArgumentException} naming the call.
 */
public final class PatchedEntities {
    private PatchedEntities() {
    }

    /**
     * @param base the base entity of (collection, key) as a tree the caller may not keep, or null when there is none
     * @return per collection, the changed entities by key
     */
    public static Map<String, SortedMap<String, JsonNode>> apply(List<StateChange> changes, Set<String> collections,
                                                                 BiFunction<String, String, JsonNode> base) {
        Map<String, SortedMap<String, JsonNode>> entities = new TreeMap<>();
        for (StateChange change : changes) {
            Map<List<String>, ArrayNode> byEntity = new LinkedHashMap<>();
            for (JsonNode op : change.patch()) {
                String[] path = op.path("path").asText().split("/", 4); // "", collection, key, rest
                if (path.length < 3 || !collections.contains(path[1])) {
                    throw new IllegalArgumentException("call " + change.callId() + ": patch path " + op.path("path") + " names no entity of " + collections);
                }
                if (op.has("from")) throw new IllegalArgumentException("call " + change.callId() + ": move and copy across entities are not supported");
                ObjectNode local = op.deepCopy();
                local.put("path", path.length == 4 ? "/" + path[3] : "");
                String key = path[2].replace("~1", "/").replace("~0", "~");
                byEntity.computeIfAbsent(List.of(path[1], key), k -> CanonicalJson.exactMapper().createArrayNode()).add(local);
            }
            byEntity.forEach((entity, patch) -> {
                SortedMap<String, JsonNode> collection = entities.computeIfAbsent(entity.get(0), c -> new TreeMap<>());
                JsonNode current = collection.containsKey(entity.get(1)) ? collection.get(entity.get(1)) : base.apply(entity.get(0), entity.get(1));
                try {
                    collection.put(entity.get(1), applied(patch, current));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("call " + change.callId() + ": patch " + patch + " does not apply to " + entity.get(0)
                            + "/" + entity.get(1) + ": " + e.getMessage(), e);
                }
            });
        }
        return entities;
    }

    /**
     * Applies in place (the tree is this class's own copy), except a whole-entity operation, which replaces the tree;
     * a {@code remove} of the whole entity leaves a {@link MissingNode} (the entity is gone).
     */
    private static JsonNode applied(ArrayNode patch, JsonNode entity) {
        ArrayNode run = CanonicalJson.exactMapper().createArrayNode();
        JsonNode current = entity;
        for (JsonNode op : patch) {
            if ("remove".equals(op.path("op").asText()) && op.path("path").asText().isEmpty()) {
                current = appliedRun(run, current);
                if (current == null || current.isMissingNode()) throw new IllegalArgumentException("there is no entity to remove");
                current = MissingNode.getInstance();
                run = CanonicalJson.exactMapper().createArrayNode();
            } else {
                run.add(op);
            }
        }
        return appliedRun(run, current);
    }

    private static JsonNode appliedRun(ArrayNode patch, JsonNode entity) {
        if (patch.isEmpty()) return entity;
        boolean wholeEntity = entity == null || entity.isMissingNode();
        for (JsonNode op : patch) wholeEntity |= op.path("path").asText().isEmpty();
        if (wholeEntity) return JsonPatch.apply(patch, entity == null ? MissingNode.getInstance() : entity);
        JsonPatch.applyInPlace(patch, entity);
        return entity;
    }
}
