package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.tools.ArgumentSchema;
import dev.trajforge.simenv.tools.ToolKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans one intent per imported tool, checked against the seed data, so that the domain contract holds on the pack:
 * a read tells a fact of a seed entity (a field of the entity it names, or of one its list must show: one of the
 * first 20 in key order); a create, update or delete is judged on the final state, or on the call itself where one
 * wrong argument would not show in the state; a write with action {@code other} on the call; a read whose answer
 * cannot be foreseen is asked together with a read that tells a fact. Drawn values come in a few variants per intent.
 */
final class IntentPlanner {
    static final int VARIANTS = 6;
    static final int LISTED = 20;

    private final Map<String, DraftCollection> collections;
    private final SchemaValues values;
    private final long seed;
    private final WriteBasis writes;

    IntentPlanner(List<DraftCollection> seeded, SchemaValues values, long seed, WriteBasis writes) {
        this.collections = new LinkedHashMap<>();
        seeded.forEach(c -> collections.put(c.name(), c));
        this.values = values;
        this.seed = seed;
        this.writes = writes;
    }

    /** A planned intent and one task's arguments ({@code tool.argument}), or why the tool has none. */
    record Plan(PlannedIntent intent, Map<String, JsonNode> sample, String problem) {
        static Plan failed(String problem) {
            return new Plan(null, Map.of(), problem);
        }
    }

    /** A plan per tool, in order; a read whose answer cannot be foreseen is paired with a read that tells a fact. */
    Map<DraftTool, Plan> planAll(List<DraftTool> tools) {
        Map<DraftTool, Plan> plans = new LinkedHashMap<>();
        for (DraftTool tool : tools) plans.put(tool, plan(tool));
        for (DraftTool tool : tools) {
            Plan plan = plans.get(tool);
            if (plan.problem() == null || tool.kind() != ToolKind.READ) continue;
            Plan host = host(tool, plans);
            plans.put(tool, host == null ? Plan.failed(plan.problem() + ", and no read tool tells a fact to pair it with") : companion(tool, host));
        }
        return plans;
    }

    /** A read planned with a fact: one of the same collection first. */
    private static Plan host(DraftTool tool, Map<DraftTool, Plan> plans) {
        Plan any = null;
        for (var entry : plans.entrySet()) {
            Plan plan = entry.getValue();
            if (plan.problem() != null || entry.getKey().kind() != ToolKind.READ || plan.intent().facts.isEmpty() || entry.getKey() == tool) continue;
            if (plan.intent().steps.size() != 1) continue;
            if (java.util.Objects.equals(entry.getKey().simulation().collection(), tool.simulation().collection())) return plan;
            if (any == null) any = plan;
        }
        return any;
    }

    Plan plan(DraftTool tool) {
        DraftTool.Simulation hints = tool.simulation();
        DraftCollection collection = hints.collection() == null ? null : collections.get(hints.collection());
        return switch (hints.action()) {
            case READ -> read(tool, collection);
            case LIST, SEARCH -> listing(tool, collection);
            case UPDATE -> update(tool, collection);
            case DELETE -> delete(tool, collection);
            case CREATE -> create(tool, collection);
            case OTHER -> tool.kind() == ToolKind.WRITE ? otherWrite(tool) : Plan.failed("its answer cannot be foreseen");
        };
    }

    private Plan read(DraftTool tool, DraftCollection collection) {
        Entities entities = new Entities(collection, tool);
        Map<String, ArgumentSource> args = new TreeMap<>();
        args.put(tool.simulation().key(), entities.key(tool.simulation().key()));
        PlannedIntent intent = new PlannedIntent(tool.name());
        VariantValues rest = drawRest(tool, args, intent, "v");
        List<JsonNode> valid = entities.valid(args, rest.first());
        if (valid.isEmpty()) return Plan.failed("no seed entity gives it valid arguments");
        String fact = entities.factField(valid);
        intent.slots.put(ArgumentSource.ENTITY, entities.pick(valid));
        rest.addTo(intent);
        intent.ask = "look up " + entities.singular() + " {{" + args.get(tool.simulation().key()).expression() + "}}";
        intent.steps.add(new PlannedIntent.Step(tool.name(), args));
        intent.facts.add(fact);
        intent.basis = Set.of(RewardBasis.FACTS);
        intent.outcome = "The agent looked up " + entities.singular() + " {{" + entities.keyExpression() + "}} with " + tool.name() + " and told the user what it found.";
        return new Plan(intent, sample(tool, args, valid.getFirst(), rest.first()), null);
    }

    private Plan listing(DraftTool tool, DraftCollection collection) {
        Entities entities = new Entities(collection, tool);
        Map<String, ArgumentSource> args = new TreeMap<>();
        JsonNode parameters = tool.parameters().path("properties");
        Set<String> required = required(tool);
        boolean search = tool.simulation().action() == DraftTool.Action.SEARCH;
        for (var it = parameters.fields(); it.hasNext(); ) {
            var parameter = it.next();
            ArgumentSource source = entities.matching(parameter.getKey(), parameter.getValue(), search);
            if (source != null) args.put(parameter.getKey(), source);
            else if (required.contains(parameter.getKey()) && search) {
                return Plan.failed("required argument '" + parameter.getKey() + "' cannot be matched to a field of " + collection.name());
            }
        }
        PlannedIntent intent = new PlannedIntent(tool.name());
        VariantValues rest = drawRest(tool, args, intent, "v");
        List<JsonNode> valid = entities.valid(args, rest.first()).stream().filter(entities::listedFirst).toList();
        if (valid.isEmpty()) return Plan.failed("no seed entity among the first " + LISTED + " gives it valid arguments");
        intent.slots.put(ArgumentSource.ENTITY, entities.pick(valid));
        rest.addTo(intent);
        intent.ask = (search ? "find the " : "see the ") + collection.name().replace('_', ' ') + (args.isEmpty() ? "" : " by " + String.join(", ", args.keySet()));
        intent.steps.add(new PlannedIntent.Step(tool.name(), args));
        intent.facts.add(entities.factField(valid));
        intent.basis = Set.of(RewardBasis.FACTS);
        intent.outcome = "The agent used " + tool.name() + " and told the user about " + entities.singular() + " {{" + entities.keyExpression() + "}}.";
        return new Plan(intent, sample(tool, args, valid.getFirst(), rest.first()), null);
    }

    private Plan update(DraftTool tool, DraftCollection collection) {
        Entities entities = new Entities(collection, tool);
        String key = tool.simulation().key();
        Map<String, ArgumentSource> args = new TreeMap<>();
        args.put(key, entities.key(key));
        List<String> changed = entities.changeable(tool, key);
        if (changed.isEmpty()) return Plan.failed("it names no field of " + collection.name() + " to change");
        PlannedIntent intent = new PlannedIntent(tool.name());
        VariantValues drawn = new VariantValues("v", variants(tool, collection, changed, Set.of()));
        changed.forEach(field -> args.put(field, new ArgumentSource.Drawn("v", field)));
        VariantValues rest = drawRest(tool, args, intent, "w");
        List<JsonNode> valid = entities.valid(args, drawn.first(), rest.first());
        if (valid.isEmpty()) return Plan.failed("no seed entity gives it valid arguments");
        intent.slots.put(ArgumentSource.ENTITY, entities.pick(valid));
        drawn.addTo(intent);
        rest.addTo(intent);
        intent.when = String.join(" or ", changed.stream().map(f -> "$v." + ArgumentSource.quoted(f) + " != $e." + ArgumentSource.quoted(f)).toList());
        intent.ask = "change " + entities.singular() + " {{" + args.get(key).expression() + "}}";
        intent.steps.add(new PlannedIntent.Step(tool.name(), args));
        intent.basis = writes.basis(tool, args, Set.copyOf(changed), key, sample(tool, args, valid.getFirst(), drawn.first(), rest.first()));
        intent.outcome = "After the user confirmed, the agent changed " + String.join(", ", changed) + " of " + entities.singular() + " {{" + entities.keyExpression() + "}} with " + tool.name() + ".";
        return new Plan(intent, sample(tool, args, valid.getFirst(), drawn.first(), rest.first()), null);
    }

    private Plan delete(DraftTool tool, DraftCollection collection) {
        Entities entities = new Entities(collection, tool);
        String key = tool.simulation().key();
        Map<String, ArgumentSource> args = new TreeMap<>();
        args.put(key, entities.key(key));
        PlannedIntent intent = new PlannedIntent(tool.name());
        VariantValues rest = drawRest(tool, args, intent, "v");
        List<JsonNode> valid = entities.valid(args, rest.first());
        if (valid.isEmpty()) return Plan.failed("no seed entity gives it valid arguments");
        intent.slots.put(ArgumentSource.ENTITY, entities.pick(valid));
        rest.addTo(intent);
        intent.ask = "delete " + entities.singular() + " {{" + args.get(key).expression() + "}}";
        intent.steps.add(new PlannedIntent.Step(tool.name(), args));
        Map<String, JsonNode> sample = sample(tool, args, valid.getFirst(), rest.first());
        intent.basis = writes.basis(tool, args, Set.of(), key, sample);
        intent.outcome = "After the user confirmed, the agent deleted " + entities.singular() + " {{" + entities.keyExpression() + "}} with " + tool.name() + ".";
        return new Plan(intent, sample, null);
    }

    private Plan create(DraftTool tool, DraftCollection collection) {
        Entities entities = new Entities(collection, tool);
        Map<String, ArgumentSource> args = new TreeMap<>();
        PlannedIntent intent = new PlannedIntent(tool.name());
        String items = tool.simulation().items();
        List<String> fields = new ArrayList<>();
        if (items != null) fields.add(items);
        else fields.addAll(entities.creatable(tool, required(tool)));
        String key = tool.simulation().key();
        boolean nextKey = key != null && "integer".equals(SchemaValues.type(tool.parameters().path("properties").path(key)))
                && "integer".equals(SchemaValues.type(collection.schema().path("properties").path(collection.key())));
        if (nextKey) {
            fields.remove(key);
            args.put(key, new ArgumentSource.NextKey(collection.name(), collection.key()));
        }
        VariantValues drawn = new VariantValues("v", variants(tool, collection, fields, entities.keys()));
        fields.forEach(field -> args.put(field, new ArgumentSource.Drawn("v", field)));
        VariantValues rest = drawRest(tool, args, intent, "w");
        Map<String, JsonNode> sample = sample(tool, args, collection.seed().getFirst(), drawn.first(), rest.first());
        if (nextKey) sample.put(tool.name() + "." + key, com.fasterxml.jackson.databind.node.LongNode.valueOf(entities.nextKey()));
        if (!entities.validArguments(tool, sample)) return Plan.failed("cannot draw valid arguments for it");
        drawn.addTo(intent);
        rest.addTo(intent);
        intent.ask = "add a new " + entities.singular();
        intent.steps.add(new PlannedIntent.Step(tool.name(), args));
        Set<String> stored = new java.util.HashSet<>(fields);
        if (key != null) stored.add(key);
        intent.basis = writes.basis(tool, args, stored, key, sample);
        intent.outcome = "After the user confirmed, the agent added the new " + entities.singular() + " with " + tool.name() + ".";
        return new Plan(intent, sample, null);
    }

    private Plan otherWrite(DraftTool tool) {
        Map<String, ArgumentSource> args = new TreeMap<>();
        PlannedIntent intent = new PlannedIntent(tool.name());
        VariantValues rest = drawRest(tool, args, intent, "v");
        Map<String, JsonNode> sample = sample(tool, args, null, rest.first());
        rest.addTo(intent);
        intent.ask = Asks.of(tool);
        intent.steps.add(new PlannedIntent.Step(tool.name(), args));
        intent.basis = Set.of(RewardBasis.ACTIONS, RewardBasis.CONFIRMATION);
        intent.outcome = "After the user confirmed, the agent used " + tool.name() + " with the user's details.";
        return new Plan(intent, sample, null);
    }

    /**
     * A read whose answer cannot be foreseen, asked together with a read that tells a fact ({@code host}): its own
     * required arguments drawn, then the host's steps, facts and basis.
     */
    Plan companion(DraftTool tool, Plan host) {
        PlannedIntent intent = new PlannedIntent(tool.name());
        Map<String, ArgumentSource> args = new TreeMap<>();
        intent.slots.putAll(host.intent().slots);
        VariantValues rest = drawRest(tool, args, intent, "c");
        rest.addTo(intent);
        intent.when = host.intent().when;
        intent.ask = Asks.of(tool) + ", and " + host.intent().ask;
        intent.steps.add(new PlannedIntent.Step(tool.name(), args));
        intent.steps.addAll(host.intent().steps);
        intent.facts.addAll(host.intent().facts);
        intent.basis = host.intent().basis;
        intent.outcome = "The agent used " + tool.name() + " as asked. " + host.intent().outcome;
        Map<String, JsonNode> sample = new LinkedHashMap<>(host.sample());
        sample.putAll(sample(tool, args, null, rest.first()));
        if (!validArguments(tool, sample(tool, args, null, rest.first()))) return Plan.failed("cannot draw valid arguments for it");
        return new Plan(intent, sample, null);
    }

    /** The required arguments nothing else fills, drawn from their schemas in the slot {@code slot}. */
    private VariantValues drawRest(DraftTool tool, Map<String, ArgumentSource> args, PlannedIntent intent, String slot) {
        List<String> rest = required(tool).stream().filter(name -> !args.containsKey(name)).toList();
        rest.forEach(name -> args.put(name, new ArgumentSource.Drawn(slot, name)));
        return new VariantValues(slot, variants(tool, null, rest, Set.of()));
    }

    /** {@link #VARIANTS} objects of values for {@code names}: from the entity's field schema where the name is one, else the parameter's. */
    private List<ObjectNode> variants(DraftTool tool, DraftCollection collection, List<String> names, Set<String> takenKeys) {
        List<ObjectNode> variants = new ArrayList<>();
        for (int i = 0; i < VARIANTS; i++) {
            ObjectNode variant = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                var rng = Seeds.random(seed, "import-task", tool.name(), name, Integer.toString(i));
                JsonNode fieldSchema = collection == null ? null : collection.schema().path("properties").get(name);
                JsonNode schema = fieldSchema != null ? fieldSchema : tool.parameters().path("properties").path(name);
                if (collection != null && name.equals(tool.simulation().items())) schema = collection.schema();
                JsonNode value = values.value(schema, name, rng);
                if (collection != null && name.equals(tool.simulation().items())) value = Entities.freshList(collection, value, takenKeys, i);
                else if (collection != null && name.equals(collection.key()) && value.isTextual() && takenKeys.contains(value.asText())) {
                    value = com.fasterxml.jackson.databind.node.TextNode.valueOf(value.asText() + "-new" + (i + 1));
                }
                variant.set(name, value);
            }
            variants.add(variant);
        }
        return variants;
    }

    static Set<String> required(DraftTool tool) {
        Set<String> required = new java.util.LinkedHashSet<>();
        tool.parameters().path("required").forEach(r -> required.add(r.asText()));
        return required;
    }

    /** One task's arguments, {@code tool.argument} to value. */
    private static Map<String, JsonNode> sample(DraftTool tool, Map<String, ArgumentSource> args, JsonNode entity, ObjectNode... drawn) {
        Map<String, JsonNode> sample = new LinkedHashMap<>();
        args.forEach((name, source) -> {
            JsonNode value = switch (source) {
                case ArgumentSource.Drawn d -> find(d.name(), drawn);
                default -> entity == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : source.value(entity, null);
            };
            if (!value.isMissingNode()) sample.put(tool.name() + "." + name, value);
        });
        return sample;
    }

    private static JsonNode find(String name, ObjectNode... drawn) {
        for (ObjectNode values : drawn) if (values.has(name)) return values.get(name);
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static boolean validArguments(DraftTool tool, Map<String, JsonNode> arguments) {
        ObjectNode object = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        arguments.forEach((name, value) -> object.set(name.substring(name.indexOf('.') + 1), value));
        return new ArgumentSchema(tool.parameters()).validate(object).isEmpty();
    }
}
