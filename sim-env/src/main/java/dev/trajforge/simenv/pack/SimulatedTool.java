package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.tools.OutputSchema;
import dev.trajforge.simenv.tools.SimulationHints;
import dev.trajforge.simenv.tools.ToolDef;

import java.util.Objects;

/**
 * A tool answered by a tool simulator ({@code implementation: simulated}): its definition, the schema its result must
 * match (null for none) and what it does ({@code simulation:}).
 */
record SimulatedTool(ToolDef definition, OutputSchema output, SimulationHints hints) implements PackTool {
    SimulatedTool {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(hints, "hints");
    }
}
