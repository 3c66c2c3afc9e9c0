package dev.trajforge.simenv.agent;

import java.util.List;

/** A model or environment wrapper that deliberately injects faults reports them, so the trajectory records them. */
public interface InjectedFaults {
    /** Faults injected so far, e.g. {@code agent:wrong_argument@<tool>}. */
    List<String> faults();
}
