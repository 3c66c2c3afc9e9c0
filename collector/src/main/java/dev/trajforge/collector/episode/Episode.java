package dev.trajforge.collector.episode;

import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;

/**
 * A finished episode: its trajectory, what the user simulator spent (not part of the row), and, when it
 * ended with an infrastructure failure (model_error, user_error), why; null otherwise.
 */
public record Episode(Task task, Trajectory trajectory, Usage userUsage, InfraFailure failure, Usage toolSimulatorUsage) {
    public Episode {
        toolSimulatorUsage = toolSimulatorUsage == null ? Usage.NONE : toolSimulatorUsage;
    }
}
