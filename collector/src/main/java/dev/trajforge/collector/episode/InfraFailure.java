package dev.trajforge.collector.episode;

import dev.trajforge.simenv.ClassifiedFailure;

import java.util.Objects;

/**
 * Why an episode could not go on for a reason outside the agent's behaviour: its cause class, counted by
 * the run ({@code http_500}, {@code timeout}, {@code connection}, {@code malformed_response},
 * {@code empty_response}, ...), and a detail for an operator (which model, status, a body excerpt; never
 * a credential).
 */
public record InfraFailure(String cause, String detail) {
    public InfraFailure {
        if (!ClassifiedFailure.isCauseClass(cause)) throw new IllegalArgumentException("a cause class is one lowercase word such as http_500, got '" + cause + "'");
        Objects.requireNonNull(detail, "detail");
    }
}
