package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.tools.SimulationHints;
import dev.trajforge.simenv.tools.SimulationRequest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of the state a simulator is shown for one call: for the tool's collection (every collection for a tool tied
 * to none) its key field, size and the entities the arguments name by key; a list or a search, or a call that names
 * none, sees the first entities in key order instead. Bounded, so a prompt does not grow with the world.
 */
final class RelevantState {
    static final int SHOWN = 20;
    static final int LISTED = 100;
    private static final int KEYS = 50;

    private RelevantState() {
    }

    static SimulationRequest request(String domain, String description, SimulatedTool tool, ObjectNode arguments, PackState state, long seed) {
        SimulationHints hints = tool.hints();
        PackCollections collections = state.collections();
        List<String> shown = hints.collection() != null ? List.of(hints.collection()) : List.copyOf(collections.byName().keySet());
        Set<String> named = new LinkedHashSet<>();
        collectKeys(arguments, named);
        ObjectNode view = CanonicalJson.mapper().createObjectNode();
        ObjectNode schemas = CanonicalJson.mapper().createObjectNode();
        for (String collection : shown) {
            ObjectNode part = view.putObject(collection);
            part.put("key_field", collections.get(collection).keyField());
            List<Object> all = state.all(collection);
            part.put("size", all.size());
            ObjectNode entities = part.putObject("entities");
            boolean listing = hints.action() == SimulationHints.Action.LIST || hints.action() == SimulationHints.Action.SEARCH;
            if (!listing) {
                for (String key : named) {
                    Object entity = state.get(collection, key);
                    if (entity != null) entities.set(key, PackValues.toNode(entity));
                }
            }
            if (entities.isEmpty()) {
                String keyField = collections.get(collection).keyField();
                int limit = listing ? LISTED : SHOWN;
                for (Object entity : all.subList(0, Math.min(limit, all.size()))) {
                    entities.set(PackCollections.keyOf(((java.util.Map<?, ?>) entity).get(keyField)), PackValues.toNode(entity));
                }
            }
            schemas.set(collection, collections.schemas().node(collection));
        }
        String newKey = null;
        if (hints.action() == SimulationHints.Action.CREATE) {
            JsonNode keySchema = collections.schemas().node(hints.collection()).path("properties").path(collections.get(hints.collection()).keyField());
            newKey = state.copy().newKey(hints.collection(), "integer".equals(keySchema.path("type").asText()));
        }
        return new SimulationRequest(domain, description, tool.definition(), tool.output() == null ? null : tool.output().node(), hints, arguments,
                view, schemas, newKey, List.of(), seed);
    }

    /** Every string and integer in the arguments, at any depth: the keys they may name. */
    private static void collectKeys(JsonNode node, Set<String> keys) {
        if (keys.size() >= KEYS) return;
        if (node.isTextual() || node.isIntegralNumber()) keys.add(node.asText());
        else if (node.isContainerNode()) node.forEach(child -> collectKeys(child, keys));
    }
}
