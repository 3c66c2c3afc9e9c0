package dev.trajforge.simenv.tools;

/**
 * What a tool does to the world: reads it, changes it (a write the policy may require the user to
 * confirm first, and whose effects decide the final state), or hands the conversation to a human
 * (the episode ends after it).
 */
public enum ToolKind {
    READ, WRITE, HANDOFF;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
