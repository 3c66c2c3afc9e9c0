package dev.trajforge.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/** A judge model that answers from a script (then repeats its standing reply, if any) and records every request. */
final class ScriptedJudgeModel implements ChatModel {
    static final int INPUT_TOKENS = 1000;
    static final int OUTPUT_TOKENS = 50;

    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Object> script = new ConcurrentLinkedDeque<>();
    private final Set<Capability> capabilities;
    private volatile Object standing;

    ScriptedJudgeModel(Set<Capability> capabilities) {
        this.capabilities = capabilities;
    }

    ScriptedJudgeModel() {
        this(Set.of());
    }

    static ScriptedJudgeModel withJsonSchema() {
        return new ScriptedJudgeModel(Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA));
    }

    ScriptedJudgeModel reply(String text) {
        script.add(text);
        return this;
    }

    ScriptedJudgeModel fail(RuntimeException e) {
        script.add(e);
        return this;
    }

    /** The reply given whenever the script has run out. */
    ScriptedJudgeModel always(String text) {
        standing = text;
        return this;
    }

    /** Whenever the script has run out, replies with what {@code answer} makes of the system prompt. */
    ScriptedJudgeModel answering(java.util.function.Function<String, String> answer) {
        standing = answer;
        return this;
    }

    int calls() {
        return requests.size();
    }

    String systemPrompt(int call) {
        return ((SystemMessage) requests.get(call).messages().getFirst()).text();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return capabilities;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        Object next = script.poll();
        if (next == null) next = standing;
        if (next == null) throw new AssertionError("the script has no reply for call " + requests.size());
        if (next instanceof RuntimeException e) throw e;
        if (next instanceof java.util.function.Function<?, ?> answer) {
            @SuppressWarnings("unchecked")
            var typed = (java.util.function.Function<String, String>) answer;
            next = typed.apply(((SystemMessage) request.messages().getFirst()).text());
        }
        return ChatResponse.builder().aiMessage(AiMessage.from((String) next)).tokenUsage(new TokenUsage(INPUT_TOKENS, OUTPUT_TOKENS)).build();
    }

    // ---- replies ----

    private static final ObjectMapper JSON = new ObjectMapper();

    static String allPass(Task task) {
        return verdicts(task, Map.of());
    }

    /** Every criterion passes except the ones given, which fail with the given reason. */
    static String verdicts(Task task, Map<String, String> failing) {
        List<Map<String, String>> entries = new ArrayList<>();
        for (Criterion criterion : task.rubric()) {
            String reason = failing.getOrDefault(criterion.name(), "The transcript shows it: " + criterion.name() + " met.");
            entries.add(entry(criterion.name(), reason, failing.containsKey(criterion.name()) ? "fail" : "pass"));
        }
        return json(entries);
    }

    static Map<String, String> entry(String criterion, String reason, String verdict) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("criterion", criterion);
        entry.put("reason", reason);
        entry.put("verdict", verdict);
        return entry;
    }

    static String json(List<Map<String, String>> entries) {
        try {
            return JSON.writeValueAsString(Map.of("verdicts", entries));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
