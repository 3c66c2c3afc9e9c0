package dev.trajforge.simenv.tools;

/** Who may call a tool: the agent, or the user on their own device (dual control, as in tau2-bench's telecom). */
public enum ToolSide {
    AGENT, USER;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
