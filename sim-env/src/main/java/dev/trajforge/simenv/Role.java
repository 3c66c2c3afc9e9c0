package dev.trajforge.simenv;

import java.util.Locale;

/** Chat roles in the OpenAI / Hugging Face convention. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Role fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
