package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.tools.ToolDef;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool written as data: named values ({@code let}), preconditions ({@code require}, each with the
 * error the agent sees), effects as JSON Patch templates and the value returned, all JSONata.
 */
record DeclarativeTool(ToolDef definition, Map<String, PackExpression> let, List<Requirement> require, List<Effect> effects,
                       PackExpression returns) implements PackTool {
    record Requirement(PackExpression check, PackTemplate error) {
    }

    /** One patch operation; with {@code foreach}, one per element of the list it yields, the element seen as {@code $item}. */
    record Effect(String op, PackTemplate path, PackTemplate from, PackExpression value, Object literal, PackExpression foreach) {
    }

    /** What a call did: the error, or the patch of its effects (empty for none) and the values it named, for {@link #answer}. */
    record Outcome(String error, ArrayNode patch, Map<String, Object> variables) {
    }

    DeclarativeTool {
        let = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(let));
        require = List.copyOf(require);
        effects = List.copyOf(effects);
    }

    /**
     * Runs the tool over {@code state} (not changed here: the caller applies the patch).
     *
     * @param functions the state functions ({@code $get}, ...) for this state
     */
    Outcome run(ObjectNode arguments, Map<String, Object> functions) {
        Map<String, Object> variables = new HashMap<>(functions);
        variables.put("args", PackValues.fromNode(arguments));
        for (Map.Entry<String, PackExpression> named : let.entrySet()) variables.put(named.getKey(), named.getValue().evaluate(null, variables));
        for (Requirement requirement : require) {
            if (!truthy(requirement.check().evaluate(null, variables))) return new Outcome(requirement.error().render(null, variables), null, variables);
        }
        ArrayNode patch = CanonicalJson.exactMapper().createArrayNode();
        for (Effect effect : effects) {
            if (effect.foreach() == null) {
                patch.add(operation(effect, variables));
                continue;
            }
            Object items = effect.foreach().evaluate(null, variables);
            List<?> list = items == null ? List.of() : items instanceof List<?> l ? l : List.of(items);
            for (Object item : list) {
                Map<String, Object> scoped = new HashMap<>(variables);
                scoped.put("item", item);
                patch.add(operation(effect, scoped));
            }
        }
        return new Outcome(null, patch, variables);
    }

    /**
     * The value returned, evaluated after the effects were applied: the {@code let} values are those
     * the call computed before its effects ({@code $nextId()} is not drawn again), while {@code $get} and
     * {@code $all} read the state as it is now.
     */
    String answer(Outcome outcome) {
        Object value = returns == null ? "OK" : returns.evaluate(null, outcome.variables());
        if (value == null) throw new PackEvaluationException("returns nothing").at(returns.node());
        return value instanceof String text ? text : CanonicalJson.write(PackValues.toNode(value));
    }

    private static ObjectNode operation(Effect effect, Map<String, Object> variables) {
        ObjectNode op = CanonicalJson.exactMapper().createObjectNode();
        op.put("op", effect.op());
        op.put("path", effect.path().render(null, variables));
        if (effect.from() != null) op.put("from", effect.from().render(null, variables));
        if (effect.value() != null) {
            Object value = effect.value().evaluate(null, variables);
            if (value == null) throw new PackEvaluationException("the value is nothing").at(effect.value().node());
            op.set("value", PackValues.toNode(value));
        } else if (effect.literal() != null) {
            op.set("value", PackValues.toNode(effect.literal()));
        }
        return op;
    }

    static boolean truthy(Object value) {
        return com.dashjoin.jsonata.Jsonata.boolize(value);
    }
}
