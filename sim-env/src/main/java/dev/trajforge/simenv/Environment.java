package dev.trajforge.simenv;

import dev.langchain4j.agent.tool.ToolSpecification;

import java.util.List;

/**
 * Authoritative state plus the tools that read and change it. {@link #execute} never throws for a
 * bad call: unknown tools, malformed or mistyped arguments and rejected operations come back as error
 * results the agent sees.
 */
public interface Environment {
    List<ToolSpecification> toolSpecifications();

    ToolResult execute(ToolCall call);

    /** Every change the calls so far made to the state, in call order, each with the call that made it. */
    List<dev.trajforge.simenv.state.StateChange> changes();

    /** SHA-256 over the canonical (sorted-key JSON) form of the whole state. */
    String stateHash();

    Snapshot snapshot();

    void restore(Snapshot snapshot);

    /** An opaque, immutable copy of an environment's state. */
    interface Snapshot {
    }
}
