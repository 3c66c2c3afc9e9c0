package dev.trajforge.collector.provider;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;

import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a provider model with the pipeline's retry discipline: transient failures are retried with
 * exponential backoff and jitter, waiting at least as long as the server's {@code Retry-After}, within
 * an attempt bound and a deadline; permanent failures are not retried; fatal ones stop the run. A
 * reply with no answer in it (no text, no tool calls) is a transient failure too. A call given up on
 * is a {@link ModelCallException} whose cause class counts it and whose message (endpoint, class,
 * attempts, status and a body excerpt, credentials redacted) tells an operator what happened.
 * Thread-safe: one instance serves every episode of a role.
 */
public final class ResilientChatModel implements ChatModel {
    private final ChatModel delegate;
    private final Endpoint endpoint;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Redactor redactor;
    private final SplittableRandom jitter;
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong latencyNanos = new AtomicLong();
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final java.util.concurrent.atomic.AtomicReference<FatalModelException> fatal = new java.util.concurrent.atomic.AtomicReference<>();

    /** Where a role's model lives, for messages that let an operator fix the problem. */
    public record Endpoint(String role, String label, String baseUrl, String apiKeyEnv) {
        String describe() {
            return role + " model " + label + (baseUrl == null ? "" : " at " + baseUrl);
        }
    }

    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    ResilientChatModel(ChatModel delegate, Endpoint endpoint, RetryPolicy policy, Sleeper sleeper, long seed) {
        this(delegate, endpoint, policy, sleeper, seed, Redactor.PATTERNS_ONLY);
    }

    /** {@code redactor} takes the role's API key (and anything shaped like a credential) out of failure messages. */
    ResilientChatModel(ChatModel delegate, Endpoint endpoint, RetryPolicy policy, Sleeper sleeper, long seed, Redactor redactor) {
        this.delegate = delegate;
        this.redactor = redactor;
        this.endpoint = endpoint;
        this.policy = policy;
        this.sleeper = sleeper;
        this.jitter = new SplittableRandom(seed);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        long deadline = System.nanoTime() + policy.deadline().toNanos();
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            RuntimeException failure;
            try {
                ChatResponse response = delegate.chat(request);
                failure = noAnswerIn(response);
                if (failure == null) response = CachedTokens.normalized(response); // cached input tokens, one shape for every provider
                if (failure == null) {
                    long took = System.nanoTime() - started;
                    answered.incrementAndGet();
                    latencyNanos.addAndGet(took);
                    latencies.record(took);
                    return response;
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            FailureClass failureClass = FailureClass.of(failure);
            String detail = redactor.excerpt(failureClass.detail());
            switch (failureClass.kind()) {
                case FATAL -> {
                    FatalModelException stop = new FatalModelException(describe() + " " + failureClass.explainFatal()
                            + (endpoint.apiKeyEnv() == null ? "" : "; check the API key in environment variable " + endpoint.apiKeyEnv()),
                            failureClass.label(), failure);
                    fatal.compareAndSet(null, stop);
                    throw stop;
                }
                case PERMANENT -> throw new ModelCallException(describe() + ": " + failureClass.label() + " (not retried): " + detail,
                        failureClass.label(), failure);
                case TRANSIENT -> {
                    Duration wait = waitBefore(attempt, failureClass);
                    boolean pastDeadline = System.nanoTime() + wait.toNanos() > deadline;
                    if (attempt >= policy.maxAttempts() || pastDeadline) {
                        throw new ModelCallException(describe() + ": " + failureClass.label() + " after " + attempt
                                + " attempt(s)" + (pastDeadline ? ", retry deadline reached" : "") + ": " + detail,
                                failureClass.label(), failure);
                    }
                    retries.incrementAndGet();
                    try {
                        sleeper.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ModelCallException(describe() + ": interrupted while waiting to retry", "interrupted", failure);
                    }
                }
            }
        }
    }

    /**
     * Why {@code response} holds no answer, or null when it holds one: a reply with neither text nor tool
     * calls (whatever its reasoning) gives the conversation nothing to go on, so it fails like a
     * malformed one: retried, then {@code empty_response}.
     */
    private static ProviderReplyException noAnswerIn(ChatResponse response) {
        AiMessage message = response == null ? null : response.aiMessage();
        if (message != null && (message.hasToolExecutionRequests() || message.text() != null && !message.text().isBlank())) return null;
        FinishReason reason = response == null ? null : response.finishReason();
        return new ProviderReplyException(ProviderReplyException.EMPTY_RESPONSE, "the reply has "
                + (message == null ? "no message" : "neither text nor tool calls")
                + (reason == null ? "" : " (finish reason " + reason.name().toLowerCase(java.util.Locale.ROOT) + ")"));
    }

    /** The endpoint for a message: a password in the base URL is never shown. */
    private String describe() {
        return redactor.redact(endpoint.describe());
    }

    private Duration waitBefore(int attempt, FailureClass failureClass) {
        double unit;
        synchronized (jitter) {
            unit = jitter.nextDouble();
        }
        Duration backoff = policy.backoff(attempt, unit);
        Duration retryAfter = failureClass.retryAfter();
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }

    /**
     * The first fatal failure this model hit, if any — for callers (like the rubric judge) that turn
     * model exceptions into outcomes, so the run can still stop.
     */
    public java.util.Optional<FatalModelException> fatal() {
        return java.util.Optional.ofNullable(fatal.get());
    }

    /** Calls answered, retries made, mean latency and latency percentiles of answered calls, for the run's metrics. */
    public java.util.Map<String, Object> metrics() {
        return stats().metrics();
    }

    /** The calls so far as counts and sums, which add up with another process's ({@link ModelCallStats#plus}). */
    public ModelCallStats stats() {
        return new ModelCallStats(answered.get(), retries.get(), latencyNanos.get(), latencies.counts());
    }

    /** Retries made so far (for run metrics). */
    public long retries() {
        return retries.get();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }
}
