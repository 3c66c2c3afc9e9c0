package dev.trajforge.collector.provider;

/** A model call failed for good (permanent error, or transient ones past the retry bound); the episode becomes an infra failure. */
public class ModelCallException extends RuntimeException {
    private final String failureClass;

    ModelCallException(String message, String failureClass, Throwable cause) {
        super(message, cause);
        this.failureClass = failureClass;
    }

    /** e.g. {@code http_500}, {@code timeout}, {@code context_length_exceeded}. */
    public String failureClass() {
        return failureClass;
    }
}
