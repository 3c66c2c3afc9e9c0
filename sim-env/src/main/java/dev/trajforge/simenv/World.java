package dev.trajforge.simenv;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.trajforge.simenv.tools.ToolDef;
import dev.trajforge.simenv.tools.ToolKind;

import java.util.List;
import java.util.Set;

/**
 * One seeded world of a domain: an immutable base state that every episode (and every gold replay)
 * copies cheaply, plus the tasks generated against it.
 */
public interface World {
    Domain domain();

    long seed();

    /** A fresh, private environment over this world's base state. Cheap. */
    Environment newEnvironment();

    /**
     * The state hash of this world's base state with {@code changes} applied (JSON Patches, as an
     * {@link Environment} records them): the same as the hash of an environment that made them.
     * Throws {@link IllegalArgumentException} for a patch that does not apply.
     */
    String stateHashAfter(List<dev.trajforge.simenv.state.StateChange> changes);

    /**
     * The assertions that do not hold on the state {@code changes} lead to from this world's base
     * state, each as its description; empty when all hold. Worlds whose tasks carry no assertions need
     * not implement it.
     */
    default List<String> failedAssertions(List<StateAssertion> assertions, List<dev.trajforge.simenv.state.StateChange> changes) {
        if (assertions.isEmpty()) return List.of();
        throw new UnsupportedOperationException(domain().name() + " worlds cannot check assertions");
    }

    /** The first {@code count} tasks of this world's deterministic task sequence. */
    List<Task> tasks(int count);

    List<ToolSpecification> toolSpecifications();

    /** The agent's tool list as OpenAI-style JSON, computed once. */
    String toolsJson();

    /** The user-side tools (dual control) as OpenAI-style JSON, {@code []} in a domain without them. */
    default String userToolsJson() {
        return "[]";
    }

    /** Whether some tool of this world is answered by a tool simulator (an imported or synthesized domain). */
    default boolean simulatesTools() {
        return false;
    }

    /**
     * This world with its simulated tools answered by {@code simulation} (its state and tasks shared; tasks are always
     * drawn with the offline scripted simulator, so they do not depend on the run's); this world itself when it
     * simulates no tool.
     */
    default World withToolSimulation(dev.trajforge.simenv.tools.ToolSimulation simulation) {
        return this;
    }

    /** How this world answers its simulated tools, or empty when it has none. */
    default java.util.Optional<dev.trajforge.simenv.tools.ToolSimulation> toolSimulation() {
        return java.util.Optional.empty();
    }

    /** Every tool of the world as a definition (name, schema, kind, side), in name order. */
    List<ToolDef> tools();

    /**
     * How many distinct tasks this world yields, counted up to {@code limit} (generating them): an
     * answer equal to {@code limit} means "at least".
     */
    int distinctTasks(int limit);

    /** Names of the tools that change state (policy: confirm before any of them). */
    default Set<String> writeTools() {
        return namesOf(ToolKind.WRITE);
    }

    /** The tools the domain's policy wants the user to confirm before each call: by default every write. */
    default Set<String> confirmedTools() {
        return writeTools();
    }

    /** Tools that hand the conversation to a human: the episode ends after them. */
    default Set<String> handoffTools() {
        return namesOf(ToolKind.HANDOFF);
    }

    private Set<String> namesOf(ToolKind kind) {
        Set<String> names = new java.util.TreeSet<>();
        for (ToolDef tool : tools()) if (tool.kind() == kind) names.add(tool.name());
        return java.util.Collections.unmodifiableSet(names);
    }
}
