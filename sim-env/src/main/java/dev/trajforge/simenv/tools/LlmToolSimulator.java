package dev.trajforge.simenv.tools;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.PromptResource;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * A tool simulator that is a chat model: the system prompt ({@code prompts/tool-simulator.md}, its hash travels with
 * the data) says what to answer; the request goes as one JSON user message. The model's text is returned as it is;
 * checking it is the caller's business. Model failures (after the model's own retries) propagate.
 */
public final class LlmToolSimulator implements ToolSimulator {
    public static final PromptResource PROMPT = PromptResource.load(LlmToolSimulator.class, "/prompts/tool-simulator.md");

    private final ChatModel model;
    private final String label;
    private final LongAdder calls = new LongAdder();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder cachedPromptTokens = new LongAdder();
    private final LongAdder completionTokens = new LongAdder();

    /** @param label {@code provider/model} */
    public LlmToolSimulator(ChatModel model, String label) {
        this.model = Objects.requireNonNull(model, "model");
        this.label = Objects.requireNonNull(label, "label");
    }

    @Override
    public SimulatorReply answer(SimulationRequest request) {
        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(SystemMessage.from(PROMPT.text()), UserMessage.from(CanonicalJson.write(request.toJson())))
                .build());
        dev.trajforge.simenv.Usage usage = dev.trajforge.simenv.Usage.ofCall(response.tokenUsage());
        calls.increment();
        promptTokens.add(usage.promptTokens());
        cachedPromptTokens.add(usage.cachedPromptTokens());
        completionTokens.add(usage.completionTokens());
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        return new SimulatorReply(text, usage);
    }

    @Override
    public String model() {
        return label;
    }

    /** Every call this simulator made so far, summed (the judge's replays of gold plans included). */
    public dev.trajforge.simenv.Usage usage() {
        return new dev.trajforge.simenv.Usage((int) Math.min(Integer.MAX_VALUE, calls.sum()), promptTokens.sum(), completionTokens.sum(),
                cachedPromptTokens.sum());
    }
}
