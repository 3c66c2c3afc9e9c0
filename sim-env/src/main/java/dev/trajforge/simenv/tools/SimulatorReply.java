package dev.trajforge.simenv.tools;

import dev.trajforge.simenv.Usage;

import java.util.Objects;

/** What a simulator answered to one request (text, checked by the caller) and what answering cost (a model's tokens). */
public record SimulatorReply(String text, Usage usage) {
    public SimulatorReply {
        text = text == null ? "" : text;
        Objects.requireNonNull(usage, "usage");
    }

    /** An answer that cost no model call. */
    public static SimulatorReply free(String text) {
        return new SimulatorReply(text, Usage.NONE);
    }
}
