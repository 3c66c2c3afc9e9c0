package dev.trajforge.collector.provider;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a failed model call means for the pipeline: retry it ({@link Kind#TRANSIENT}: 429, 5xx,
 * timeouts, connection trouble), give up on this episode ({@link Kind#PERMANENT}: 400 bad request,
 * context length exceeded, other 4xx), or stop the whole run ({@link Kind#FATAL}: 401/403
 * credentials, 404 unknown model or wrong base URL — every other call would fail the same way).
 */
record FailureClass(Kind kind, String label, Duration retryAfter) {
    enum Kind { TRANSIENT, PERMANENT, FATAL }

    static FailureClass of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.statusCode() > 0) return ofStatus(http);
            if (t instanceof TimeoutException || t instanceof java.net.http.HttpTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return new FailureClass(Kind.TRANSIENT, "timeout", null);
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return new FailureClass(Kind.TRANSIENT, "malformed_response", null); // a 200 whose body is not the protocol's JSON
            }
            if (t instanceof ProviderHttpClient.ProviderConnectionException || t instanceof IOException) {
                return new FailureClass(Kind.TRANSIENT, "connection", null);
            }
        }
        return new FailureClass(Kind.PERMANENT, "error:" + failure.getClass().getSimpleName(), null);
    }

    private static FailureClass ofStatus(HttpException http) {
        int status = http.statusCode();
        Duration retryAfter = http instanceof ProviderHttpException p ? p.retryAfter().orElse(null) : null;
        String label = "http_" + status;
        if (status == 429 || status == 408 || status >= 500) return new FailureClass(Kind.TRANSIENT, label, retryAfter);
        if (status == 401 || status == 403 || status == 404) return new FailureClass(Kind.FATAL, label, null);
        String body = Optional.ofNullable(http.getMessage()).orElse("").toLowerCase(Locale.ROOT);
        if (body.contains("context length") || body.contains("context_length") || body.contains("maximum context")) {
            return new FailureClass(Kind.PERMANENT, "context_length_exceeded", null);
        }
        return new FailureClass(Kind.PERMANENT, label, null);
    }

    String explainFatal() {
        return switch (label) {
            case "http_401", "http_403" -> "rejected the credentials (" + label.replace("http_", "HTTP ") + ")";
            default -> "does not know the model or the path (" + label.replace("http_", "HTTP ") + ")";
        };
    }
}
