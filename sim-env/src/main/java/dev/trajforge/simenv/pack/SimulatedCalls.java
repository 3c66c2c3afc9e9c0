package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.state.StateChange;
import dev.trajforge.simenv.tools.SimulationRequest;
import dev.trajforge.simenv.tools.ToolSimulation;
import dev.trajforge.simenv.tools.ToolSimulationException;
import dev.trajforge.simenv.tools.ToolSimulationException.Cause;

import java.util.List;

/**
 * Runs calls to a pack's simulated tools: asks the run's {@link ToolSimulation} (through its cache) for a result and
 * a patch, accepts a proposal only when {@link SimulatedAnswers} finds it sound on a private copy of the state, asks
 * again with the problems within the attempts, and applies the accepted patch, recorded with the call. One per world,
 * shared by its environments; thread-safe.
 */
final class SimulatedCalls {
    private final ToolSimulation simulation;
    private final String domain;
    private final String description;
    private final long seed;

    SimulatedCalls(ToolSimulation simulation, String domain, String description, long seed) {
        this.simulation = simulation;
        this.domain = domain;
        this.description = description;
        this.seed = seed;
    }

    ToolSimulation simulation() {
        return simulation;
    }

    /**
     * Answers {@code call} on {@code state}, applying its accepted patch there and adding it to {@code changes};
     * {@code spent} receives what each proposal cost (nothing for an answer from the cache).
     *
     * @throws ToolSimulationException when no proposal was acceptable within the attempts
     */
    ToolResult call(ToolCall call, SimulatedTool tool, ObjectNode arguments, PackState state, List<StateChange> changes,
                    java.util.function.Consumer<dev.trajforge.simenv.Usage> spent) {
        String argumentsJson = CanonicalJson.write(arguments);
        String stateHash = state.stateHash();
        ToolSimulation.Answer answer = simulation.answer(new ToolSimulation.CacheKey(tool.definition().name(), argumentsJson, stateHash),
                () -> ask(tool, arguments, argumentsJson, stateHash, state, spent));
        if (!answer.patch().isEmpty()) {
            StateChange change = new StateChange(call.id(), call.name(), answer.patch());
            PackState.Refusal refusal = state.tryApply(change, true);
            if (refusal != null) { // checked on this very state when it was accepted: only a state hash collision gets here
                throw new ToolSimulationException(call.name(), refusal.schema() ? Cause.SCHEMA_VIOLATION : Cause.BAD_PATCH, 1,
                        "the cached patch no longer applies: " + refusal.message());
            }
            changes.add(change);
        }
        return answer.error() ? ToolResult.error(call, answer.result()) : ToolResult.ok(call, answer.result());
    }

    private ToolSimulation.Answer ask(SimulatedTool tool, ObjectNode arguments, String argumentsJson, String stateHash, PackState state,
                                      java.util.function.Consumer<dev.trajforge.simenv.Usage> spent) {
        SimulationRequest request = RelevantState.request(domain, description, tool, arguments, state,
                Seeds.derive(seed, "simulate", tool.definition().name(), argumentsJson, stateHash));
        SimulatedAnswers checker = new SimulatedAnswers(tool, state);
        SimulatedAnswers.Verdict last = null;
        for (int proposal = 1; proposal <= simulation.attempts(); proposal++) {
            dev.trajforge.simenv.tools.SimulatorReply reply = simulation.simulator().answer(request);
            spent.accept(reply.usage());
            last = checker.check(reply.text());
            if (last.answer() != null) {
                simulation.recordAsked(proposal, true, null);
                return last.answer();
            }
            simulation.recordRefused(last.cause());
            request = request.retryAfter(last.cause().label() + ": " + last.problem());
        }
        simulation.recordAsked(simulation.attempts(), false, last.cause());
        throw new ToolSimulationException(tool.definition().name(), last.cause(), simulation.attempts(), last.problem());
    }

    /** The result text an agent sees for a result value: a string as it is, anything else as JSON. */
    static String text(JsonNode result) {
        return result.isTextual() ? result.asText() : CanonicalJson.write(result);
    }

    static ArrayNode emptyPatch() {
        return CanonicalJson.exactMapper().createArrayNode();
    }
}
