package dev.trajforge.simenv;

import dev.langchain4j.agent.tool.ToolSpecification;

import java.util.List;

/**
 * Authoritative state plus the tools that read and change it. {@link #execute} never throws for a
 * bad call: unknown tools, malformed or mistyped arguments and rejected operations come back as error
 * results the agent sees.
 */
public interface Environment {
    /** The agent's tools: in a domain with user-side tools, those are left out. */
    List<ToolSpecification> toolSpecifications();

    /** The tools only the user can call on their side (a phone's settings), none in most domains. */
    default List<ToolSpecification> userToolSpecifications() {
        return List.of();
    }

    /** Runs any tool of the world, whoever's side it is on: gold plans and replays use this. */
    ToolResult execute(ToolCall call);

    /**
     * Runs a call made by {@code side}: a call to a tool of the other side is an error result (the agent
     * cannot touch the user's phone, the user cannot call the back office).
     */
    default ToolResult execute(ToolCall call, dev.trajforge.simenv.tools.ToolSide side) {
        if (side == dev.trajforge.simenv.tools.ToolSide.USER) return ToolResult.error(call, "there are no tools on the user's side in this domain");
        return execute(call);
    }

    /** Every change the calls so far made to the state, in call order, each with the call that made it. */
    List<dev.trajforge.simenv.state.StateChange> changes();

    /** What answering this environment's simulated tools has cost so far (model calls and tokens); none where no tool is simulated. */
    default Usage toolSimulatorUsage() {
        return Usage.NONE;
    }

    /** SHA-256 over the canonical (sorted-key JSON) form of the whole state. */
    String stateHash();

    Snapshot snapshot();

    void restore(Snapshot snapshot);

    /** An opaque, immutable copy of an environment's state. */
    interface Snapshot {
    }
}
