package dev.trajforge.collector.anonymize;

import java.util.Objects;
import java.util.function.Function;

/**
 * One value found in one string: where it stands, which detector found it, the value as written, its
 * normalized form (the seed of its fake) and how to draw the fake from that seed.
 */
record Span(int start, int end, Detector detector, String original, String normalized, Function<Draw, String> fake) {
    Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span [" + start + ", " + end + ") is empty or negative");
        }
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(normalized, "normalized");
        Objects.requireNonNull(fake, "fake");
    }

    /** A span over the whole of {@code value}: for a value under a key that says what it is. */
    static Span whole(String value, Detector detector, String normalized, Function<Draw, String> fake) {
        return new Span(0, value.length(), detector, value, normalized, fake);
    }
}
