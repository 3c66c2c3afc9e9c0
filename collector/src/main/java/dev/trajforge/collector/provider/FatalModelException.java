package dev.trajforge.collector.provider;

/**
 * A failure that every further call would repeat (bad credentials, unknown model): the run stops.
 * The message names the role, the base URL and the NAME of the key's environment variable — never the key.
 */
public final class FatalModelException extends ModelCallException {
    FatalModelException(String message, String failureClass, Throwable cause) {
        super(message, failureClass, cause);
    }
}
