package dev.trajforge.collector.config;

/**
 * The {@code toolSimulation:} block of a run config: how calls to simulated tools (imported and synthesized domains)
 * are answered, whichever model answers them ({@code toolSimulator:}).
 *
 * @param attempts proposals one call may take before it is a tool-simulator failure (default 3)
 * @param cache    whether answers are cached by (tool, arguments, state hash) for the run (default true; off only to
 *                 measure a simulator, since the judge's replay of a gold plan relies on it)
 * @param mistakes the scripted simulator only: the share of first proposals it answers wrongly on purpose (a bad
 *                 patch, a schema violation, a bad output), to exercise the checks offline (default 0)
 */
public record ToolSimulationSettings(Integer attempts, Boolean cache, Double mistakes) {
    public static final ToolSimulationSettings DEFAULT = new ToolSimulationSettings(null, null, null);

    public ToolSimulationSettings {
        attempts = attempts == null ? dev.trajforge.simenv.tools.ToolSimulation.DEFAULT_ATTEMPTS : attempts;
        cache = cache == null || cache;
        mistakes = mistakes == null ? 0.0 : mistakes;
        if (attempts < 1 || attempts > 10) throw new IllegalArgumentException("attempts: must be in [1, 10], got " + attempts);
        if (!(mistakes >= 0 && mistakes < 1)) throw new IllegalArgumentException("mistakes: must be in [0, 1), got " + mistakes);
    }
}
