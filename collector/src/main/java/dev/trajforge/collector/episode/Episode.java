package dev.trajforge.collector.episode;

import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;

/** A finished episode: its trajectory, plus what the user simulator spent (not part of the row). */
public record Episode(Task task, Trajectory trajectory, Usage userUsage, String failure) {
}
