package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trajforge.simenv.RewardBasis;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What decides a write task of an imported pack. The domain contract gets one write wrong the way an agent would
 * (the first text argument the phrases do not call exact gets a character more; else the first text in a list; else
 * the first integer is one more) and expects the state check to notice. A text argument that leaves no trace in the
 * state, or whose wrong value the entity's schema would refuse after the parameters accepted it, is made exact; when
 * the argument the contract would get wrong still cannot show in the state, the task is judged on the call itself
 * ({@code actions}) instead of the state.
 */
final class WriteBasis {
    private final Set<String> exact = new TreeSet<>();
    private final Map<String, DraftCollection> collections;

    WriteBasis(Map<String, DraftCollection> collections) {
        this.collections = collections;
    }

    Set<String> exact() {
        return Set.copyOf(exact);
    }

    /**
     * @param stored the arguments whose values the write keeps in the entity
     * @param key    the argument naming the entity (a wrong key finds none, or another), or null
     * @param sample one task's arguments, {@code tool.argument} to value
     */
    Set<RewardBasis> basis(DraftTool tool, Map<String, ?> args, Set<String> stored, String key, Map<String, JsonNode> sample) {
        for (String name : new TreeSet<>(args.keySet())) {
            JsonNode value = sample.get(tool.name() + "." + name);
            if (value != null && value.isTextual() && !name.equals(key) && !(stored.contains(name) && spoilShows(tool, name, TextNode.valueOf(value.asText() + "0")))) {
                exact.add(name);
            }
        }
        String target = target(tool, args, sample);
        boolean shows = target != null && (target.equals(key) || (stored.contains(target) && spoilShows(tool, target, spoiled(sample.get(tool.name() + "." + target)))));
        return shows ? EnumSet.of(RewardBasis.STATE, RewardBasis.CONFIRMATION) : EnumSet.of(RewardBasis.ACTIONS, RewardBasis.CONFIRMATION);
    }

    /** The argument the contract's wrong write changes: in the order of the arguments' JSON (sorted by name). */
    private String target(DraftTool tool, Map<String, ?> args, Map<String, JsonNode> sample) {
        TreeSet<String> names = new TreeSet<>(args.keySet());
        for (String name : names) if (text(sample, tool, name).isTextual() && !exact.contains(name)) return name;
        for (String name : names) if (text(sample, tool, name) instanceof ArrayNode list && !list.isEmpty() && list.get(0).isTextual()) return name;
        for (String name : names) if (text(sample, tool, name).isIntegralNumber()) return name;
        return null;
    }

    private static JsonNode text(Map<String, JsonNode> sample, DraftTool tool, String name) {
        JsonNode value = sample.get(tool.name() + "." + name);
        return value == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : value;
    }

    private static JsonNode spoiled(JsonNode value) {
        if (value == null) return null;
        if (value.isTextual()) return TextNode.valueOf(value.asText() + "0");
        if (value.isIntegralNumber()) return LongNode.valueOf(value.asLong() + 1);
        if (value instanceof ArrayNode list) {
            ArrayNode copy = list.deepCopy();
            copy.set(0, TextNode.valueOf(list.get(0).asText() + "0"));
            return copy;
        }
        return value;
    }

    /** A wrong value is refused by the parameters (the call fails) or kept by the entity (the state differs), never rejected by the simulator's checks. */
    private boolean spoilShows(DraftTool tool, String argument, JsonNode wrong) {
        if (wrong == null) return false;
        if (!ValueCheck.valid(tool.parameters().path("properties").path(argument), wrong)) return true;
        DraftCollection collection = tool.simulation().collection() == null ? null : collections.get(tool.simulation().collection());
        JsonNode field = collection == null ? null : collection.schema().path("properties").get(argument);
        return field == null || ValueCheck.valid(field, wrong);
    }
}
