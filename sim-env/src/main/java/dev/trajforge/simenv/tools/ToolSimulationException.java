package dev.trajforge.simenv.tools;

import java.util.Locale;
import java.util.Objects;

/**
 * A simulated call that got no acceptable answer within its attempts: the episode ends as an infrastructure failure
 * with this cause and is never kept as data. Not a tool error (the agent never sees it).
 */
public final class ToolSimulationException extends RuntimeException {
    /** Why the last proposal was refused. */
    public enum Cause {
        /** not a JSON Patch, a path that names no entity, an operation that does not apply, a read tool that changes state */
        BAD_PATCH,
        /** an entity the patch leaves breaks its collection's schema or loses its key */
        SCHEMA_VIOLATION,
        /** the answer is not the expected JSON object, or its result breaks the tool's output schema */
        BAD_OUTPUT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Cause cause;
    private final String tool;

    public ToolSimulationException(String tool, Cause cause, int attempts, String detail) {
        super("tool_simulator: " + cause.label() + " from '" + tool + "' after " + attempts + " attempt(s): " + detail);
        this.cause = Objects.requireNonNull(cause, "cause");
        this.tool = Objects.requireNonNull(tool, "tool");
    }

    public Cause reason() {
        return cause;
    }

    public String tool() {
        return tool;
    }
}
