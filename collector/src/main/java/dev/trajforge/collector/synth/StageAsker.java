package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.trajforge.simenv.PromptResource;
import org.apache.commons.text.StringSubstitutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Asks the synthesizer model for one stage item: the prompt, then, while the answer is not JSON or breaks the stage's
 * schema or its checks, the same conversation with the problems sent back ({@code prompts/synth-reask.md}), up to
 * {@code attempts} calls in all. The result is the accepted answer, or the last problems as the failure's reason;
 * either way with what it cost. A model call that fails (after the provider's own retries) is not an answer: it
 * propagates and the item stays unfinished.
 */
final class StageAsker {
    private static final PromptResource REASK = PromptResource.load(StageAsker.class, "/prompts/synth-reask.md");

    /** The outcome of one item: {@code answer} when it passed, else {@code reason}. */
    record Asked(JsonNode answer, String reason, Spend spend) {
        Asked {
            if ((answer == null) == (reason == null)) throw new IllegalArgumentException("exactly one of answer and reason");
        }
    }

    private final ChatModel model;
    private final int attempts;

    StageAsker(ChatModel model, int attempts) {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
        this.model = model;
        this.attempts = attempts;
    }

    /** {@code checks} returns the problems of a parsed answer that met the schema (empty: accepted). */
    Asked ask(String prompt, AnswerSchema schema, Function<JsonNode, List<String>> checks) {
        List<ChatMessage> conversation = new ArrayList<>(List.of(UserMessage.from(prompt)));
        Spend spend = Spend.NONE;
        List<String> problems = List.of();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) conversation.add(UserMessage.from(reask(problems)));
            ChatResponse response = model.chat(ChatRequest.builder().messages(conversation).build());
            spend = spend.plus(spendOf(response, attempt > 1));
            String text = response.aiMessage().text() == null ? "" : response.aiMessage().text();
            conversation.add(AiMessage.from(text));
            AnswerText.Parsed parsed = AnswerText.parse(text);
            if (parsed.json() == null) {
                problems = List.of(parsed.problem());
                continue;
            }
            problems = schema.problems(parsed.json());
            if (problems.isEmpty()) problems = checked(checks, parsed.json());
            if (problems.isEmpty()) return new Asked(parsed.json(), null, spend);
        }
        return new Asked(null, "no valid answer in " + attempts + " attempt(s): " + String.join("; ", problems), spend);
    }

    private static List<String> checked(Function<JsonNode, List<String>> checks, JsonNode answer) {
        try {
            return checks.apply(answer);
        } catch (IllegalArgumentException e) { // a record refused a value the schema let through
            return List.of("the answer cannot be read: " + e.getMessage());
        }
    }

    static String reask(List<String> problems) {
        StringBuilder list = new StringBuilder();
        for (String problem : problems) list.append("- ").append(problem).append('\n');
        StringSubstitutor substitutor = new StringSubstitutor(Map.of("problems", list.toString().strip()));
        substitutor.setEnableUndefinedVariableException(true);
        return substitutor.replace(REASK.text());
    }

    private static Spend spendOf(ChatResponse response, boolean reask) {
        TokenUsage usage = response.tokenUsage();
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        return new Spend(1, reask ? 1 : 0, in, out);
    }
}
