package dev.trajforge.simenv;

import java.util.Locale;

/** Why an episode ended. Only {@link #USER_STOP} and {@link #AGENT_STOP} are normal endings. */
public enum Termination {
    /** the simulated user said it is done ({@code ###STOP###}) */
    USER_STOP,
    /** the agent ended the conversation (agent stop token or transfer to a human) */
    AGENT_STOP,
    /** the simulated user asked for a human ({@code ###TRANSFER###}) */
    USER_TRANSFER,
    MAX_TURNS,
    TOO_MANY_TOOL_ERRORS,
    /** the agent model failed in a way retries did not fix; counted as infra failure, not as data */
    MODEL_ERROR,
    /** the user simulator failed (model error or broke its own protocol); never kept as data */
    USER_ERROR,
    /** the tool simulator gave no acceptable answer to a call within its attempts, or its model failed; never kept as data */
    TOOL_SIMULATOR_ERROR,
    /** a defect in trajforge itself surfaced in this episode; recorded, never kept, the run goes on */
    INTERNAL_ERROR;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public boolean normalEnding() {
        return this == USER_STOP || this == AGENT_STOP || this == USER_TRANSFER;
    }

    /** Endings caused by infrastructure rather than by the agent's behaviour. */
    public boolean infraFailure() {
        return this == MODEL_ERROR || this == USER_ERROR || this == TOOL_SIMULATOR_ERROR || this == INTERNAL_ERROR;
    }

    public static Termination fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
