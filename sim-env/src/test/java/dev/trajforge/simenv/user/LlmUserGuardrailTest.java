package dev.trajforge.simenv.user;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Style;
import dev.trajforge.simenv.UserRequest;
import dev.trajforge.simenv.UserScenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlmUserGuardrailTest {
    private static final UserScenario SCENARIO = new UserScenario("Ada Lee", Style.TERSE, Map.of("email", "My email is ada@example.com."),
            List.of(new UserRequest("cancel", "cancel order #W1", Map.of())), List.of(), "Cancel order #W1.");
    private static final List<Message> AT_CONFIRMATION = List.of(Message.user("Cancel order #W1."),
            Message.assistant("To confirm: I will cancel order #W1. Shall I proceed? (yes/no)"));

    private static final class Replies implements ChatModel {
        final Deque<String> replies = new ArrayDeque<>();
        final List<List<ChatMessage>> requests = new ArrayList<>();

        Replies(String... texts) {
            replies.addAll(List.of(texts));
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(request.messages());
            return ChatResponse.builder().aiMessage(AiMessage.from(replies.poll())).build();
        }
    }

    @Test
    void should_re_ask_once_when_the_user_stops_instead_of_answering_a_confirmation() {
        Replies model = new Replies("Thanks, bye! ###STOP###", "Yes, go ahead.");
        UserTurn turn = new LlmUserSimulator(model, "test/user", SCENARIO).next(AT_CONFIRMATION);
        assertEquals(UserTurn.Signal.CONTINUE, turn.signal());
        assertEquals("Yes, go ahead.", turn.content());
        assertEquals(2, model.requests.size());
        ChatMessage reminder = model.requests.get(1).getLast();
        assertInstanceOf(UserMessage.class, reminder);
        assertTrue(((UserMessage) reminder).singleText().contains("confirm"));
    }

    @Test
    void should_fail_the_user_simulator_when_it_stops_twice_at_a_confirmation() {
        Replies model = new Replies("Bye ###STOP###", "Bye again ###STOP###");
        UserSimulatorException failure = assertThrows(UserSimulatorException.class,
                () -> new LlmUserSimulator(model, "test/user", SCENARIO).next(AT_CONFIRMATION));
        assertTrue(failure.getMessage().contains("confirmation"), failure.getMessage());
        assertEquals("stopped_at_confirmation", failure.failureClass());
    }

    @Test
    void should_let_the_user_stop_when_the_agent_did_not_ask_for_confirmation() {
        Replies model = new Replies("That's all, thanks. ###STOP###");
        List<Message> done = List.of(Message.user("Cancel order #W1."), Message.assistant("Done. Anything else I can help with?"));
        UserTurn turn = new LlmUserSimulator(model, "test/user", SCENARIO).next(done);
        assertEquals(UserTurn.Signal.STOP, turn.signal());
        assertEquals(1, model.requests.size());
    }
}
