package dev.trajforge.simenv.user;

import dev.trajforge.simenv.ClassifiedFailure;

/**
 * The user simulator failed to produce a turn; the episode ends as user_error, counted by
 * {@link #failureClass()}: the model call's own cause ({@code http_500}, {@code timeout}, ...) when the
 * model failed, else what the simulator saw ({@code empty_response}, {@code stopped_at_confirmation}).
 */
public class UserSimulatorException extends RuntimeException implements ClassifiedFailure {
    private final String failureClass;

    /** A failed model call: the cause class is the call's ({@link ClassifiedFailure#of}). */
    public UserSimulatorException(String message, Throwable cause) {
        this(ClassifiedFailure.of(cause), message, cause);
    }

    public UserSimulatorException(String failureClass, String message, Throwable cause) {
        super(message, cause);
        if (!ClassifiedFailure.isCauseClass(failureClass)) {
            throw new IllegalArgumentException("a cause class is one lowercase word such as http_500, got '" + failureClass + "'");
        }
        this.failureClass = failureClass;
    }

    @Override
    public String failureClass() {
        return failureClass;
    }
}
