package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.RewardBasis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An intent being planned for an imported tool: its slots, its steps with each argument's {@link ArgumentSource}, the
 * details the user gives when asked (every text argument the agent must hear, by the argument's name), facts and
 * reward basis; {@link #intent} makes the {@link DraftIntent}.
 */
final class PlannedIntent {
    /** One step: the tool and where each of its arguments comes from. */
    record Step(String tool, Map<String, ArgumentSource> args) {
        Step {
            args = new TreeMap<>(args); // written in the order the arguments' JSON has: the wrong-write check reads it so
        }
    }

    final String name;
    final Map<String, String> slots = new LinkedHashMap<>();
    final List<Step> steps = new ArrayList<>();
    final List<String> facts = new ArrayList<>();
    String ask;
    String when;
    String outcome;
    Set<RewardBasis> basis;

    PlannedIntent(String name) {
        this.name = name;
    }

    /** The slot {@code slot} drawing one of {@code variants} (each an object of values). */
    void variants(String slot, List<ObjectNode> variants) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        variants.forEach(list::add);
        slots.put(slot, "$pick(" + list + ")");
    }

    /**
     * The details: each argument not named in the request, under the argument's name (a text as it is, a list of texts
     * joined, a number, flag or object as JSON), so the scripted agent's question for it ("petId, name") is answered and
     * an LLM user knows every value the request needs.
     *
     * @param sample the arguments of one task, to tell text from other values
     */
    DraftIntent intent(Map<String, JsonNode> sample) {
        Map<String, String> details = new LinkedHashMap<>();
        List<DraftIntent.Step> drafted = new ArrayList<>();
        for (Step step : steps) {
            Map<String, DraftIntent.Argument> args = new LinkedHashMap<>();
            step.args().forEach((argument, source) -> {
                args.put(argument, DraftIntent.Argument.expression(source.expression()));
                JsonNode value = sample.get(step.tool() + "." + argument);
                if (value == null || ask.contains("{{" + source.expression() + "}}")) return;
                if (value.isTextual()) details.putIfAbsent(argument, argument + ": {{" + source.expression() + "}}");
                else if (value.isArray() && !value.isEmpty() && allText(value)) {
                    details.putIfAbsent(argument, argument + ": {{$join(" + source.expression() + ", ', ')}}");
                } else if (value.isValueNode() || value.isContainerNode()) { // a number, a flag, an object: the user has to be able to say it too
                    details.putIfAbsent(argument, argument + ": {{$string(" + source.expression() + ")}}");
                }
            });
            drafted.add(DraftIntent.Step.of(step.tool(), args, null));
        }
        return new DraftIntent(name, 1, slots, when, ask, details, drafted, facts, List.of(), List.of(new Criterion("outcome", outcome, 1)), basis, null);
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) if (!item.isTextual()) return false;
        return true;
    }
}
