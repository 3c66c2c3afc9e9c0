package dev.trajforge.collector.synth;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageAskerTest {
    private static final AnswerSchema DOMAINS = StagePrompt.load("domains").schema();

    /** Answers with the given texts in turn and keeps every request. */
    private static final class Scripted implements ChatModel {
        final List<ChatRequest> requests = new ArrayList<>();
        private final Iterator<String> answers;

        Scripted(String... answers) {
            this.answers = List.of(answers).iterator();
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(request);
            return ChatResponse.builder().aiMessage(AiMessage.from(answers.next())).tokenUsage(new TokenUsage(30, 20)).build();
        }
    }

    @Test
    void should_send_the_problems_back_and_accept_the_corrected_answer_counting_the_reask() {
        Scripted model = new Scripted("Here you go: {\"domains\": [{\"name\": \"Hotel Desk\", \"description\": \"d\"}]}",
                "```json\n{\"domains\": [{\"name\": \"hotel_desk\", \"description\": \"d\"}]}\n```");

        StageAsker.Asked asked = new StageAsker(model, 3).ask("Stage: domains", DOMAINS, answer -> List.of());

        assertEquals("hotel_desk", asked.answer().at("/domains/0/name").asText());
        assertEquals(new Spend(2, 1, 60, 40), asked.spend());
        String reask = ((UserMessage) model.requests.get(1).messages().get(2)).singleText();
        assertTrue(reask.contains("- $.domains[0].name: does not match the regex pattern"), reask);
    }

    @Test
    void should_give_up_after_the_attempts_with_the_last_problems_as_the_reason() {
        Scripted model = new Scripted("not json", "{\"domains\": []", "{\"domains\": [{\"name\": \"a\", \"description\": \"d\"}]}");

        StageAsker.Asked asked = new StageAsker(model, 3).ask("Stage: domains", DOMAINS, answer -> List.of("expected exactly 2 domains, got 1"));

        assertNull(asked.answer());
        assertEquals("no valid answer in 3 attempt(s): expected exactly 2 domains, got 1", asked.reason());
        assertEquals(3, asked.spend().calls());
        assertEquals(2, asked.spend().reasks());
        String second = ((UserMessage) model.requests.get(1).messages().get(2)).singleText();
        assertTrue(second.contains("- the answer holds no JSON object"), second);
        String third = ((UserMessage) model.requests.get(2).messages().get(4)).singleText();
        assertTrue(third.contains("- the answer is not valid JSON"), third);
    }
}
