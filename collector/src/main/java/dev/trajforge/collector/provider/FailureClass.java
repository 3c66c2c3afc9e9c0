package dev.trajforge.collector.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.trajforge.simenv.ClassifiedFailure;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a failed model call means for the pipeline: retry it ({@link Kind#TRANSIENT}: 429, 5xx,
 * timeouts, connection trouble, a reply that is not the protocol's JSON or has no answer in it), give
 * up on this episode ({@link Kind#PERMANENT}: 400 bad request, context length exceeded, other 4xx,
 * anything unrecognised), or stop the whole run ({@link Kind#FATAL}: 401/403 credentials, 404 unknown
 * model or wrong base URL — every other call would fail the same way).
 *
 * <p>{@code label} is the cause class failures are counted by ({@code http_500}, {@code timeout},
 * {@code connection}, {@code malformed_response}, {@code empty_response}, {@code context_length_exceeded},
 * {@code unclassified}); {@code detail} says what happened (status and body, the exception's message),
 * before any excerpting or redaction.
 */
record FailureClass(Kind kind, String label, Duration retryAfter, String detail) {
    enum Kind { TRANSIENT, PERMANENT, FATAL }

    static final String TIMEOUT = "timeout";
    static final String CONNECTION = "connection";

    static FailureClass of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.statusCode() > 0) return ofStatus(http);
            if (t instanceof ProviderReplyException reply) return transientFailure(reply.failureClass(), reply.getMessage());
            if (t instanceof TimeoutException || t instanceof java.net.http.HttpTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return transientFailure(TIMEOUT, "no answer in time: " + message(t));
            }
            if (t instanceof JsonProcessingException json) { // a 2xx body that starts like JSON but is not the protocol's
                return transientFailure(ProviderReplyException.MALFORMED_RESPONSE, "the reply is not the protocol's JSON: " + json.getOriginalMessage());
            }
            if (t instanceof ProviderHttpClient.ProviderConnectionException || t instanceof IOException) {
                return transientFailure(CONNECTION, message(t));
            }
        }
        return new FailureClass(Kind.PERMANENT, ClassifiedFailure.UNCLASSIFIED, null, failure.getClass().getName() + ": " + message(failure));
    }

    private static FailureClass transientFailure(String label, String detail) {
        return new FailureClass(Kind.TRANSIENT, label, null, detail);
    }

    private static FailureClass ofStatus(HttpException http) {
        int status = http.statusCode();
        Duration retryAfter = http instanceof ProviderHttpException p ? p.retryAfter().orElse(null) : null;
        String label = "http_" + status;
        String detail = "HTTP " + status + ": " + Optional.ofNullable(http.getMessage()).orElse("");
        if (status == 429 || status == 408 || status >= 500) return new FailureClass(Kind.TRANSIENT, label, retryAfter, detail);
        if (status == 401 || status == 403 || status == 404) return new FailureClass(Kind.FATAL, label, null, detail);
        String body = Optional.ofNullable(http.getMessage()).orElse("").toLowerCase(Locale.ROOT);
        if (body.contains("context length") || body.contains("context_length") || body.contains("maximum context")) {
            return new FailureClass(Kind.PERMANENT, "context_length_exceeded", null, detail);
        }
        return new FailureClass(Kind.PERMANENT, label, null, detail);
    }

    private static String message(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    String explainFatal() {
        return switch (label) {
            case "http_401", "http_403" -> "rejected the credentials (" + label.replace("http_", "HTTP ") + ")";
            default -> "does not know the model or the path (" + label.replace("http_", "HTTP ") + ")";
        };
    }
}
