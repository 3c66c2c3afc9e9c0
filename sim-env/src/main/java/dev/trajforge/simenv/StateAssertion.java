package dev.trajforge.simenv;

import java.util.Objects;

/**
 * An expectation on one entity of a task's final state: {@code expression} (in the domain's expression
 * language, JSONata for packs) must hold on the entity {@code collection/key} after the episode's
 * recorded changes. {@code description} says it in words, for reject reasons and rubric.
 */
public record StateAssertion(String collection, String key, String expression, String description) {
    public StateAssertion {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(key, "key");
        if (expression == null || expression.isBlank()) throw new IllegalArgumentException("assertion on " + collection + "/" + key + ": expression is blank");
        description = description == null || description.isBlank() ? expression : description;
    }
}
