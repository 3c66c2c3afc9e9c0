package dev.trajforge.collector.run;

/** The run stopped because every further model call would fail (bad credentials, unknown model); nothing was committed. */
public final class RunAbortedException extends RuntimeException {
    RunAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
