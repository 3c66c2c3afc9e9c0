package dev.trajforge.collector.provider;

import dev.trajforge.simenv.ClassifiedFailure;

/**
 * A model server answered, but with nothing a chat model can use: a body that is not the protocol's
 * JSON ({@value #MALFORMED_RESPONSE}, such as a proxy's HTML page with status 200) or no answer in it
 * ({@value #EMPTY_RESPONSE}: {@code choices: []}, or a message with neither text nor tool calls).
 * Transient: the next sample may be fine. The message holds the status and an excerpt of the body.
 */
final class ProviderReplyException extends RuntimeException implements ClassifiedFailure {
    static final String MALFORMED_RESPONSE = "malformed_response";
    static final String EMPTY_RESPONSE = "empty_response";
    private static final int MAX_BODY = 1000;

    private final String failureClass;

    ProviderReplyException(String failureClass, String message) {
        super(message);
        this.failureClass = failureClass;
    }

    /** {@code what} followed by the start of {@code body} (the rest is cut; secrets are taken out where it is logged). */
    static ProviderReplyException of(String failureClass, String what, String body) {
        String start = body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY) + "...";
        return new ProviderReplyException(failureClass, what + ": " + start);
    }

    @Override
    public String failureClass() {
        return failureClass;
    }
}
