package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.collector.synth.Ideas.ToolIdea;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a tools answer must keep beyond its schema: the count asked for, unique names, a kind that matches the
 * simulated action, a key parameter where the action needs one, schemas that compile, one to three collections and a
 * read tool that looks an entity up by its key.
 */
final class ToolChecks {
    private ToolChecks() {
    }

    static List<String> problems(List<ToolIdea> tools, int count) {
        List<String> problems = new ArrayList<>();
        if (tools.size() != count) problems.add("expected exactly " + count + " tools, got " + tools.size());
        Set<String> names = new HashSet<>();
        Set<String> collections = new TreeSet<>();
        for (ToolIdea tool : tools) {
            String at = "tool '" + tool.name() + "'";
            if (!names.add(tool.name())) problems.add("a second tool named '" + tool.name() + "'");
            String action = tool.simulation().action();
            collections.add(tool.simulation().collection());
            boolean readAction = Ideas.READ_ACTIONS.contains(action);
            if (readAction != tool.reads()) {
                problems.add(at + ": kind '" + tool.kind() + "' does not match action '" + action + "' (read, list and search are read tools;"
                        + " create, update and delete are write tools)");
            }
            String key = tool.simulation().key();
            JsonNode properties = tool.parameters().path("properties");
            if (Ideas.KEYED_ACTIONS.contains(action) && key == null) problems.add(at + ": action '" + action + "' needs simulation.key, the parameter holding the entity's key");
            if (key != null && !properties.has(key)) problems.add(at + ": simulation.key '" + key + "' is not one of its parameters " + fieldNames(properties));
            problems.addAll(SchemaCompiler.problems(at + " parameters", tool.parameters()));
            if (tool.output() != null) problems.addAll(SchemaCompiler.problems(at + " output", tool.output()));
        }
        if (collections.size() > 3) problems.add("the tools use " + collections.size() + " collections " + collections + "; use between 1 and 3");
        if (tools.stream().noneMatch(t -> "read".equals(t.simulation().action()))) {
            problems.add("no tool reads one entity by its key (simulation.action 'read')");
        }
        return problems;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
