package dev.trajforge.simenv;

import java.util.Locale;

/** Communication styles of simulated users. */
public enum Style {
    TERSE, VERBOSE, CONFUSED, IMPATIENT, POLITE_FORMAL, ANXIOUS, EXPERT, NON_NATIVE;

    /** The styles a task generator draws a task's default user from (the persona catalog adds the rest per episode). */
    public static final java.util.List<Style> TASK_DEFAULTS = java.util.List.of(TERSE, VERBOSE, CONFUSED, IMPATIENT);

    /** How a user of this style writes, as one sentence of an LLM user simulator's instructions. */
    public String howTheyWrite() {
        return switch (this) {
            case TERSE -> "You write very short messages, a few words each.";
            case VERBOSE -> "You write long, chatty messages with extra context.";
            case CONFUSED -> "You are unsure of yourself and sometimes need a question repeated before you answer it.";
            case IMPATIENT -> "You are in a hurry and let the agent know it.";
            case POLITE_FORMAL -> "You write politely and formally, in complete sentences, thanking the agent.";
            case ANXIOUS -> "You are worried about your problem, ask for reassurance and say how stressed you are.";
            case EXPERT -> "You know the product and the procedure well, use precise terms and skip pleasantries.";
            case NON_NATIVE -> "You are not a native speaker: short sentences, simple words, some grammar mistakes and typos.";
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Style fromWire(String name) {
        for (Style style : values()) if (style.wireName().equals(name)) return style;
        throw new IllegalArgumentException("unknown style '" + name + "' (known: " + java.util.Arrays.stream(values()).map(Style::wireName).toList() + ")");
    }
}
