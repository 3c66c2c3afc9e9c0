package dev.trajforge.simenv.tools;

/** A tool refused a call the way a real backend would ("Order #W1 not found"). Shown to the agent. */
public class ToolException extends RuntimeException {
    public ToolException(String message) {
        super(message);
    }
}
