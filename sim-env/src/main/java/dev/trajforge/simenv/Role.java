package dev.trajforge.simenv;

import java.util.Locale;

/** Chat roles in the OpenAI / Hugging Face convention. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
