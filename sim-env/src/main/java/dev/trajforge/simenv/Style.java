package dev.trajforge.simenv;

import java.util.Locale;

/** Communication styles of simulated users. */
public enum Style {
    TERSE, VERBOSE, CONFUSED, IMPATIENT;

    /** How a user of this style writes, as one sentence of an LLM user simulator's instructions. */
    public String howTheyWrite() {
        return switch (this) {
            case TERSE -> "You write very short messages, a few words each.";
            case VERBOSE -> "You write long, chatty messages with extra context.";
            case CONFUSED -> "You are unsure of yourself and sometimes need a question repeated before you answer it.";
            case IMPATIENT -> "You are in a hurry and let the agent know it.";
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
