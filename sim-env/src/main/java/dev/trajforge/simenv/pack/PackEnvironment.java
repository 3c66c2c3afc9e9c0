package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.tools.ToolSide;
import dev.trajforge.simenv.state.StateChange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One episode's private state of a pack world and its declarative tools. A call is validated against
 * its tool's full JSON Schema, run, and its effects applied as one JSON Patch, all or nothing, and
 * recorded with the call. Every failure (unknown tool, bad arguments, a precondition, an effect the
 * schemas refuse) is an error result the agent sees; the state is left as it was. A simulated tool is answered by
 * {@link SimulatedCalls}, which throws {@link dev.trajforge.simenv.tools.ToolSimulationException} when the simulator
 * gives no acceptable answer (not the agent's business: the episode fails).
 */
final class PackEnvironment implements Environment {
    private final PackTools tools;
    private final SimulatedCalls simulated;
    private final Instant clock;
    private PackState state;
    private Map<String, Object> functions;
    private List<StateChange> changes = new ArrayList<>();
    /** what this environment's simulated calls cost (kept across restores: it was spent) */
    private dev.trajforge.simenv.Usage simulatorUsage = dev.trajforge.simenv.Usage.NONE;

    private record PackSnapshot(PackState state, List<StateChange> changes) implements Snapshot {
    }

    /** @param simulated how this world answers its simulated tools (null when it has none) */
    PackEnvironment(PackTools tools, SimulatedCalls simulated, Instant clock, PackState state) {
        this.tools = tools;
        this.simulated = simulated;
        this.clock = clock;
        use(state);
    }

    private void use(PackState state) {
        this.state = state;
        this.functions = StateFunctions.bindings(state, clock, state::nextId, null);
    }

    @Override
    public List<ToolSpecification> toolSpecifications() {
        return tools.specifications();
    }

    @Override
    public List<ToolSpecification> userToolSpecifications() {
        return tools.userSpecifications();
    }

    @Override
    public ToolResult execute(ToolCall call, ToolSide side) {
        PackTools.Entry entry = tools.get(call.name());
        if (entry != null && entry.tool().definition().side() != side) {
            return ToolResult.error(call, side == ToolSide.AGENT
                    ? "'" + call.name() + "' is on the customer's side: only the customer can do it, so ask them to"
                    : "'" + call.name() + "' is not something you can do yourself: it is on the agent's side");
        }
        return execute(call);
    }

    @Override
    public ToolResult execute(ToolCall call) {
        PackTools.Entry entry = tools.get(call.name());
        if (entry == null) return ToolResult.error(call, "unknown tool '" + call.name() + "'. Available tools: " + String.join(", ", tools.names()));
        ObjectNode arguments = CanonicalJson.parseObjectOrNull(call.argumentsJson());
        if (arguments == null) return ToolResult.error(call, "arguments must be a JSON object, got: " + abbreviate(call.argumentsJson()));
        Optional<String> problem = entry.schema().validate(arguments);
        if (problem.isPresent()) return ToolResult.error(call, problem.get());
        if (entry.tool() instanceof SimulatedTool tool) {
            return simulated.call(call, tool, arguments, state, changes, usage -> simulatorUsage = simulatorUsage.plus(usage));
        }
        DeclarativeTool declarative = (DeclarativeTool) entry.tool();
        Map<String, Long> ids = state.issuedIds(); // a call that fails makes nothing: the ids it drew are drawn again by the next
        try {
            DeclarativeTool.Outcome outcome = declarative.run(arguments, functions);
            if (outcome.error() != null) {
                state.reissueFrom(ids);
                return ToolResult.error(call, outcome.error());
            }
            if (!outcome.patch().isEmpty()) {
                StateChange change = new StateChange(call.id(), call.name(), outcome.patch());
                PackState before = state.copy();
                String refused = state.apply(change);
                if (refused != null) {
                    state.reissueFrom(ids);
                    return ToolResult.error(call, "the change was refused: " + refused);
                }
                try {
                    String answer = declarative.answer(outcome);
                    changes.add(change);
                    return ToolResult.ok(call, answer);
                } catch (PackEvaluationException e) {
                    use(before);
                    throw e;
                }
            }
            return ToolResult.ok(call, declarative.answer(outcome));
        } catch (PackEvaluationException e) {
            state.reissueFrom(ids);
            return ToolResult.error(call, "the tool could not run: " + e.reason());
        }
    }

    @Override
    public dev.trajforge.simenv.Usage toolSimulatorUsage() {
        return simulatorUsage;
    }

    @Override
    public List<StateChange> changes() {
        return List.copyOf(changes);
    }

    @Override
    public String stateHash() {
        return state.stateHash();
    }

    @Override
    public Snapshot snapshot() {
        return new PackSnapshot(state.copy(), List.copyOf(changes));
    }

    @Override
    public void restore(Snapshot snapshot) {
        if (!(snapshot instanceof PackSnapshot(PackState saved, List<StateChange> savedChanges))) {
            throw new IllegalArgumentException("not a snapshot of a pack world: " + snapshot);
        }
        use(saved.copy());
        this.changes = new ArrayList<>(savedChanges);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
