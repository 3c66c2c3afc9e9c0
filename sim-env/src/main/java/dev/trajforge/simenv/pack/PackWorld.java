package dev.trajforge.simenv.pack;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.StateAssertion;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.state.PatchedEntities;
import dev.trajforge.simenv.state.StateChange;
import dev.trajforge.simenv.tools.ToolDef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/** A seeded world of a pack: the base state built once by the pack's seed program, copied cheaply per episode, and its tasks. */
final class PackWorld implements World {
    private final PackDomain domain;
    private final PackDefinition pack;
    private final long seed;
    private final PackState base;
    private final PackTaskGenerator tasks;
    /** how the simulated tools are answered; null when the pack has none */
    private final SimulatedCalls simulated;
    private final Set<String> writeTools;
    private final Set<String> handoffTools;
    private final Map<String, PackExpression> assertionExpressions = new ConcurrentHashMap<>();

    PackWorld(PackDomain domain, PackDefinition pack, long seed) {
        this.domain = domain;
        this.pack = pack;
        this.seed = seed;
        PackProblems problems = new PackProblems();
        Map<String, SortedMap<String, Object>> entities = pack.seed().build(seed, pack.collections(), pack.clock(), problems);
        problems.throwIfAny(Path.of(pack.location()));
        this.base = PackState.base(pack.collections(), entities);
        this.writeTools = World.super.writeTools();
        this.handoffTools = World.super.handoffTools();
        this.simulated = pack.tools().anySimulated()
                ? new SimulatedCalls(dev.trajforge.simenv.tools.ToolSimulation.scripted(), pack.name(), pack.description(), seed) : null;
        this.tasks = new PackTaskGenerator(pack, this, seed);
    }

    /** The same world (state, tasks) answering its simulated tools with other calls. */
    private PackWorld(PackWorld world, SimulatedCalls simulated) {
        this.domain = world.domain;
        this.pack = world.pack;
        this.seed = world.seed;
        this.base = world.base;
        this.writeTools = world.writeTools;
        this.handoffTools = world.handoffTools;
        this.simulated = simulated;
        this.tasks = world.tasks;
    }

    @Override
    public boolean simulatesTools() {
        return simulated != null;
    }

    @Override
    public World withToolSimulation(dev.trajforge.simenv.tools.ToolSimulation simulation) {
        if (simulated == null) return this;
        return new PackWorld(this, new SimulatedCalls(simulation, pack.name(), pack.description(), seed));
    }

    @Override
    public java.util.Optional<dev.trajforge.simenv.tools.ToolSimulation> toolSimulation() {
        return simulated == null ? java.util.Optional.empty() : java.util.Optional.of(simulated.simulation());
    }

    @Override
    public Domain domain() {
        return domain;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Environment newEnvironment() {
        return new PackEnvironment(pack.tools(), simulated, pack.clock(), base.copy());
    }

    @Override
    public String stateHashAfter(List<StateChange> changes) {
        return base.stateHashAfter(changes);
    }

    @Override
    public List<String> failedAssertions(List<StateAssertion> assertions, List<StateChange> changes) {
        if (assertions.isEmpty()) return List.of();
        Map<String, SortedMap<String, com.fasterxml.jackson.databind.JsonNode>> changed =
                PatchedEntities.apply(changes, pack.collections().byName().keySet(), (c, k) -> {
                    Object entity = base.get(c, k);
                    return entity == null ? null : PackValues.toNode(entity);
                });
        StateReader finalState = new StateReader() { // the base with the changed entities in place: what $get and $all read
            @Override
            public Object get(String collection, String key) {
                var after = changed.getOrDefault(collection, new java.util.TreeMap<>()).get(key);
                if (after != null && after.isMissingNode()) return null;
                return after != null ? PackValues.fromNode(after) : base.get(collection, key);
            }

            @Override
            public List<Object> all(String collection) {
                var after = changed.get(collection);
                if (after == null) return base.all(collection);
                java.util.TreeMap<String, Object> merged = new java.util.TreeMap<>();
                String keyField = pack.collections().get(collection).keyField();
                for (Object entity : base.all(collection)) merged.put(PackCollections.keyOf(((Map<?, ?>) entity).get(keyField)), entity);
                after.forEach((key, node) -> {
                    if (node.isMissingNode()) merged.remove(key);
                    else merged.put(key, PackValues.fromNode(node));
                });
                return List.copyOf(merged.values());
            }
        };
        Map<String, Object> functions = StateFunctions.bindings(finalState, pack.clock(), null, null);
        List<String> failed = new ArrayList<>();
        for (StateAssertion assertion : assertions) {
            Object entity = finalState.get(assertion.collection(), assertion.key());
            PackExpression expression = assertionExpressions.computeIfAbsent(assertion.expression(), PackExpression::compileRendered);
            boolean holds = entity != null && DeclarativeTool.truthy(expression.evaluate(entity, new HashMap<>(functions)));
            if (!holds) failed.add(assertion.description());
        }
        return failed;
    }

    /** @throws PackException when the pack cannot make its tasks (an expression that fails, a fact in no tool result) */
    @Override
    public List<Task> tasks(int count) {
        if (count < 0) throw new IllegalArgumentException("task count must be >= 0, got " + count);
        try {
            return tasks.first(count);
        } catch (PackEvaluationException e) {
            throw new PackException(Path.of(pack.location()), List.of(e.problem()));
        }
    }

    @Override
    public List<ToolSpecification> toolSpecifications() {
        return pack.tools().specifications();
    }

    @Override
    public String toolsJson() {
        return pack.tools().toolsJson();
    }

    @Override
    public String userToolsJson() {
        return pack.tools().userToolsJson();
    }

    @Override
    public List<ToolDef> tools() {
        return pack.tools().definitions();
    }

    @Override
    public Set<String> writeTools() {
        return writeTools;
    }

    @Override
    public Set<String> confirmedTools() {
        return pack.confirmWrites() ? writeTools : Set.of();
    }

    @Override
    public Set<String> handoffTools() {
        return handoffTools;
    }

    @Override
    public int distinctTasks(int limit) {
        try {
            return tasks.distinct(limit);
        } catch (PackEvaluationException e) {
            throw new PackException(Path.of(pack.location()), List.of(e.problem()));
        }
    }

    PackState base() {
        return base;
    }
}
