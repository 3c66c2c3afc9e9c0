package dev.trajforge.simenv.tools;

/**
 * Answers a call to a simulated tool: a world model. It proposes; the world decides: what it answers is a JSON object
 * {@code {"result": ..., "error": null | "why the tool failed", "patch": [RFC 6902 operations]}} that the caller checks
 * (a valid patch that applies and keeps every entity valid, a result matching the tool's output schema) before
 * anything of it is kept, asking again with the problems when it is not.
 *
 * <p>Implementations are thread-safe: one simulator serves every episode of a run.
 */
public interface ToolSimulator {
    /**
     * The answer to one request, as text (a JSON object, possibly wrapped in a code fence by a model), with what it cost.
     *
     * @throws RuntimeException when no answer could be had at all (a model call that failed for good): the caller ends
     *                          the episode as an infrastructure failure with that cause
     */
    SimulatorReply answer(SimulationRequest request);

    /** {@code provider/model}, as rows and manifests name it. */
    String model();
}
