package dev.trajforge.bench;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.trajforge.simenv.agent.InjectedFaults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** A model endpoint's latency in front of an instant model: every call sleeps {@code latency} first, then answers. */
final class DelayedChatModel implements ChatModel, InjectedFaults {
    private final ChatModel delegate;
    private final Duration latency;
    private final LongAdder calls;

    DelayedChatModel(ChatModel delegate, Duration latency, LongAdder calls) {
        this.delegate = delegate;
        this.latency = latency;
        this.calls = calls;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        calls.increment();
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency); // a virtual thread: parks, frees its carrier
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the model", e);
            }
        }
        return delegate.chat(request);
    }

    @Override
    public List<String> faults() {
        return delegate instanceof InjectedFaults injected ? injected.faults() : List.of();
    }
}
