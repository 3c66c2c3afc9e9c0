package dev.trajforge.collector.provider;

import dev.trajforge.simenv.ClassifiedFailure;

/**
 * A model call failed for good (permanent error, or transient ones past the retry bound); the episode
 * becomes an infra failure counted by {@link #failureClass()}. The message names the endpoint and says
 * what happened (status, a body excerpt), with credentials redacted: it is fit for a run log.
 */
public class ModelCallException extends RuntimeException implements ClassifiedFailure {
    private final String failureClass;

    ModelCallException(String message, String failureClass, Throwable cause) {
        super(message, cause);
        this.failureClass = failureClass;
    }

    /** e.g. {@code http_500}, {@code timeout}, {@code connection}, {@code malformed_response}, {@code empty_response}. */
    @Override
    public String failureClass() {
        return failureClass;
    }
}
