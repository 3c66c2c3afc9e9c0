package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolSide;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One simulated tool of a drafted pack: its definition (name, description, kind, side, parameters as a JSON
 * Schema of type object), the JSON Schema its result must match (or null) and what it does for a simulator.
 */
public record DraftTool(String name, String description, ToolKind kind, ToolSide side, ObjectNode parameters, ObjectNode output,
                        Simulation simulation) {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** What a simulated tool does ({@code simulation:} in tools.yaml). */
    public enum Action {
        READ, LIST, SEARCH, CREATE, UPDATE, DELETE, OTHER;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param collection the collection the tool reads or changes, or null
     * @param key        the argument holding the entity's key (or a list of keys), or null
     * @param items      create only: the argument holding a list of entities to create, or null
     */
    public record Simulation(String collection, Action action, String key, String items) {
        public Simulation {
            Objects.requireNonNull(action, "simulation action");
            if (items != null && action != Action.CREATE) throw new IllegalArgumentException("simulation items is for create only, not " + action.wireName());
        }

        public static Simulation other() {
            return new Simulation(null, Action.OTHER, null, null);
        }
    }

    public DraftTool {
        if (name == null || !NAME.matcher(name).matches()) throw new IllegalArgumentException("tool name must match " + NAME + ", got '" + name + "'");
        description = description == null ? "" : description.strip();
        Objects.requireNonNull(kind, "tool " + name + ": kind");
        Objects.requireNonNull(side, "tool " + name + ": side");
        Objects.requireNonNull(parameters, "tool " + name + ": parameters");
        if (!"object".equals(parameters.path("type").asText())) throw new IllegalArgumentException("tool " + name + ": parameters must be a JSON Schema of type object");
        parameters = parameters.deepCopy();
        output = output == null ? null : output.deepCopy();
        Objects.requireNonNull(simulation, "tool " + name + ": simulation");
        for (String argument : new String[]{simulation.key(), simulation.items()}) {
            if (argument != null && !parameters.path("properties").has(argument)) {
                throw new IllegalArgumentException("tool " + name + ": simulation names argument '" + argument + "', which is not a parameter");
            }
        }
        if (kind == ToolKind.READ && isWriteAction(simulation.action())) {
            throw new IllegalArgumentException("tool " + name + ": a read tool cannot " + simulation.action().wireName());
        }
    }

    static boolean isWriteAction(Action action) {
        return action == Action.CREATE || action == Action.UPDATE || action == Action.DELETE;
    }

    @Override
    public ObjectNode parameters() {
        return parameters.deepCopy();
    }

    @Override
    public ObjectNode output() {
        return output == null ? null : output.deepCopy();
    }

    /** Whether {@code argument} is one of the tool's parameters. */
    public boolean hasParameter(String argument) {
        return parameters.path("properties").has(argument);
    }
}
