package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.tools.ToolDef;

/** A tool of a pack: answered by its declarative effects, or by the run's tool simulator. */
sealed interface PackTool permits DeclarativeTool, SimulatedTool {
    ToolDef definition();
}
