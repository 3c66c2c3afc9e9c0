package dev.trajforge.simenv.user;

import java.util.Objects;

/** What the simulated user says next, and whether that ends the conversation. */
public record UserTurn(String content, Signal signal) {
    public static final String STOP_TOKEN = "###STOP###";
    public static final String TRANSFER_TOKEN = "###TRANSFER###";

    public enum Signal { CONTINUE, STOP, TRANSFER }

    public UserTurn {
        Objects.requireNonNull(signal, "signal");
        if (content == null || content.isBlank()) throw new IllegalArgumentException("a user turn needs content");
    }

    public static UserTurn say(String content) {
        return new UserTurn(content, Signal.CONTINUE);
    }

    /** Reads stop tokens out of raw simulator text: the token sets the signal and is removed from the content. */
    public static UserTurn parse(String raw, String fallbackWhenOnlyToken) {
        Signal signal = raw.contains(STOP_TOKEN) ? Signal.STOP : raw.contains(TRANSFER_TOKEN) ? Signal.TRANSFER : Signal.CONTINUE;
        String content = raw.replace(STOP_TOKEN, "").replace(TRANSFER_TOKEN, "").strip();
        return new UserTurn(content.isEmpty() ? fallbackWhenOnlyToken : content, signal);
    }
}
