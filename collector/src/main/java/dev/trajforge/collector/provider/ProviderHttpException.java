package dev.trajforge.collector.provider;

import dev.langchain4j.exception.HttpException;

import java.time.Duration;
import java.util.Optional;

/** An HTTP error answer from a model server, keeping what LangChain4j's own exception drops: {@code Retry-After}. */
public final class ProviderHttpException extends HttpException {
    private final Duration retryAfter;

    ProviderHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
