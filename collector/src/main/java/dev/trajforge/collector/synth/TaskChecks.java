package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.collector.synth.Ideas.CollectionIdea;
import dev.trajforge.collector.synth.Ideas.Fact;
import dev.trajforge.collector.synth.Ideas.Step;
import dev.trajforge.collector.synth.Ideas.TaskIdea;
import dev.trajforge.collector.synth.Ideas.ToolIdea;
import dev.trajforge.simenv.tools.ArgumentSchema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a tasks answer must keep beyond its schema: the count asked for, unique names, steps that call known tools
 * with arguments valid against their parameters and keys of entities that exist, argument values the user says (in
 * the ask or a detail) or the entities show, facts that name a field of an entity a step returns, a fact for every
 * plan that only reads, and every tool in some plan.
 */
final class TaskChecks {
    private final Map<String, ToolIdea> tools;
    private final Map<String, CollectionIdea> collections;
    private final Map<String, ArgumentSchema> parameters;

    TaskChecks(List<ToolIdea> tools, List<CollectionIdea> collections) {
        this.tools = tools.stream().collect(Collectors.toMap(ToolIdea::name, Function.identity()));
        this.collections = collections.stream().collect(Collectors.toMap(CollectionIdea::name, Function.identity()));
        this.parameters = tools.stream().collect(Collectors.toMap(ToolIdea::name, t -> new ArgumentSchema(t.parameters())));
    }

    List<String> problems(List<TaskIdea> tasks, int count) {
        List<String> problems = new ArrayList<>();
        if (tasks.size() != count) problems.add("expected exactly " + count + " tasks, got " + tasks.size());
        Set<String> names = new HashSet<>();
        Set<String> unused = new TreeSet<>(tools.keySet());
        for (TaskIdea task : tasks) {
            if (!names.add(task.name())) problems.add("a second task named '" + task.name() + "'");
            task.steps().forEach(step -> unused.remove(step.tool()));
            problems.addAll(problems(task));
        }
        if (!unused.isEmpty()) problems.add("no plan uses the tools " + unused + "; every tool must be used by some task");
        return problems;
    }

    private List<String> problems(TaskIdea task) {
        List<String> problems = new ArrayList<>();
        String at = "task '" + task.name() + "'";
        String userSays = task.ask() + "\n" + String.join("\n", task.details().values());
        boolean writes = false;
        for (int i = 0; i < task.steps().size(); i++) {
            Step step = task.steps().get(i);
            String where = at + " step " + i;
            ToolIdea tool = tools.get(step.tool());
            if (tool == null) {
                problems.add(where + ": no tool named '" + step.tool() + "' (tools: " + new TreeSet<>(tools.keySet()) + ")");
                continue;
            }
            writes |= !tool.reads();
            parameters.get(tool.name()).validate(step.args()).ifPresent(p -> problems.add(where + " (" + tool.name() + "): " + p));
            CollectionIdea collection = collections.get(tool.simulation().collection());
            String key = tool.simulation().key();
            if (collection != null && key != null && Ideas.KEYED_ACTIONS.contains(tool.simulation().action()) && step.args().has(key)
                    && !keys(collection).contains(step.args().get(key).asText())) {
                problems.add(where + " (" + tool.name() + "): no " + collection.name() + " entity has the key " + step.args().get(key));
            }
            step.args().properties().forEach(arg -> {
                for (String value : scalars(arg.getValue())) {
                    if (!userSays.contains(value) && (collection == null || !shows(collection, value))) {
                        problems.add(where + " (" + tool.name() + "): the value " + value + " of '" + arg.getKey()
                                + "' is neither said by the user (ask or details) nor in the entities");
                    }
                }
            });
        }
        for (Fact fact : task.facts()) problems.addAll(factProblems(at, task, fact));
        if (!writes && task.facts().isEmpty()) problems.add(at + ": a plan that only reads needs at least one fact");
        return problems;
    }

    private List<String> factProblems(String at, TaskIdea task, Fact fact) {
        if (fact.step() >= task.steps().size()) return List.of(at + ": fact names step " + fact.step() + ", the plan has " + task.steps().size());
        ToolIdea tool = tools.get(task.steps().get(fact.step()).tool());
        if (tool == null) return List.of();
        if (!Ideas.ENTITY_RESULT_ACTIONS.contains(tool.simulation().action())) {
            return List.of(at + ": fact on step " + fact.step() + " (" + tool.name() + ", " + tool.simulation().action()
                    + "): a fact is a field of one entity, from a step that reads, updates or creates one");
        }
        CollectionIdea collection = collections.get(tool.simulation().collection());
        if (collection != null && !collection.schema().path("properties").has(fact.field())) {
            return List.of(at + ": fact field '" + fact.field() + "' is not a field of " + collection.name() + " " + ToolChecks.fieldNames(collection.schema().path("properties")));
        }
        return List.of();
    }

    private static Set<String> keys(CollectionIdea collection) {
        Set<String> keys = new HashSet<>();
        for (JsonNode entity : collection.entities()) keys.add(entity.path(collection.key()).asText());
        return keys;
    }

    private static boolean shows(CollectionIdea collection, String value) {
        for (JsonNode entity : collection.entities()) if (scalars(entity).contains(value)) return true;
        return false;
    }

    /** The texts of the strings and numbers in a value (booleans and nulls are never "said"). */
    static List<String> scalars(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value.isTextual() || value.isNumber()) out.add(value.asText());
        else if (value.isContainerNode()) value.forEach(element -> out.addAll(scalars(element)));
        return out;
    }
}
