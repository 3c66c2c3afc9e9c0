package dev.trajforge.simenv;

/** One rubric criterion the LLM judge scores a trajectory against. */
public record Criterion(String name, String text, double weight) {
    public Criterion {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("criterion name is blank");
        if (text == null || text.isBlank()) throw new IllegalArgumentException("criterion " + name + ": text is blank");
        if (!(weight > 0)) throw new IllegalArgumentException("criterion " + name + ": weight must be > 0, got " + weight);
    }
}
