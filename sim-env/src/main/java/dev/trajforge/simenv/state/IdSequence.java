package dev.trajforge.simenv.state;

import java.util.Locale;

/**
 * Ids minted by an environment ({@code #R0000001}, ...): a prefix and a counter that advances only
 * when an id is taken. Immutable; an environment holds its current sequence as part of its state.
 */
public record IdSequence(String prefix, long next) {
    public IdSequence {
        if (prefix == null || prefix.isBlank()) throw new IllegalArgumentException("id prefix is blank");
        if (next < 1) throw new IllegalArgumentException("next id must be >= 1, got " + next);
    }

    public String current() {
        return prefix + String.format(Locale.ROOT, "%07d", next);
    }

    public IdSequence advance() {
        return new IdSequence(prefix, next + 1);
    }
}
