package dev.trajforge.simenv.user;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Style;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.UserRequest;
import dev.trajforge.simenv.UserScenario;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlmUserSimulatorTest {
    private static final String INSTRUCTIONS = "You are Ada Kim. Cancel order #W1234567 because it is no longer needed.\n"
            + "What you know, to give only when the agent asks for it:\n- My email is ada.kim1234@example.com.";
    private static final UserScenario SCENARIO = new UserScenario("Ada Kim", Style.TERSE, Map.of("email", "My email is ada.kim1234@example.com."),
            List.of(new UserRequest("cancel", "cancel order #W1234567", Map.of())), List.of(), INSTRUCTIONS);

    /** A chat model that answers from a script and records every request it got. */
    private static final class ScriptedChatModel implements ChatModel {
        final List<ChatRequest> requests = new ArrayList<>();
        final Deque<Object> replies = new ArrayDeque<>();

        ScriptedChatModel reply(String text, TokenUsage usage) {
            replies.add(ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(usage).build());
            return this;
        }

        ScriptedChatModel reply(String text) {
            return reply(text, new TokenUsage(100, 10));
        }

        ScriptedChatModel respond(ChatResponse response) {
            replies.add(response);
            return this;
        }

        ScriptedChatModel fail(RuntimeException e) {
            replies.add(e);
            return this;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(request);
            Object next = replies.removeFirst();
            if (next instanceof RuntimeException e) throw e;
            return (ChatResponse) next;
        }
    }

    private static String text(ChatMessage message) {
        return switch (message) {
            case SystemMessage s -> s.text();
            case UserMessage u -> u.singleText();
            case AiMessage a -> a.text();
            default -> throw new AssertionError("unexpected message " + message);
        };
    }

    private static String resourceText() throws IOException {
        try (InputStream in = LlmUserSimulatorTest.class.getResourceAsStream("/prompts/user-simulator.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void should_start_with_the_system_prompt_holding_the_scenario_then_the_greeting() throws IOException {
        ScriptedChatModel model = new ScriptedChatModel().reply("Hi, I want to cancel an order.");
        new LlmUserSimulator(model, "test/user", SCENARIO).next(List.of());
        List<ChatMessage> messages = model.requests.getFirst().messages();
        assertEquals(2, messages.size());
        SystemMessage system = assertInstanceOf(SystemMessage.class, messages.get(0));
        assertEquals(resourceText().replace("{{persona}}", dev.trajforge.simenv.Persona.ofStyle(SCENARIO.style()).describe())
                .replace("{{scenario}}", INSTRUCTIONS), system.text());
        assertTrue(system.text().contains(INSTRUCTIONS));
        assertFalse(system.text().contains("{{scenario}}"));
        UserMessage greeting = assertInstanceOf(UserMessage.class, messages.get(1));
        assertEquals(LlmUserSimulator.GREETING, greeting.singleText());
    }

    @Test
    void should_flip_roles_so_the_agent_speaks_as_user_and_the_simulated_user_as_ai() {
        ScriptedChatModel model = new ScriptedChatModel().reply("My email is ada.kim1234@example.com.");
        ToolCall call = new ToolCall("c1", "find_user_id_by_email", "{\"email\":\"ada.kim1234@example.com\"}");
        List<Message> conversation = List.of(
                Message.user("I want to cancel order #W1234567."),
                Message.assistant("Sure. What is your email?"),
                Message.user("ada.kim1234@example.com"),
                Message.assistant(null, "looking it up", List.of(call)),
                Message.tool(ToolResult.ok(call, "ada_kim_1234")),
                Message.assistant("Thanks, found you. Which reason?"));
        new LlmUserSimulator(model, "test/user", SCENARIO).next(conversation);
        List<ChatMessage> messages = model.requests.getFirst().messages();
        assertEquals(List.of(SystemMessage.class, UserMessage.class, AiMessage.class, UserMessage.class, AiMessage.class, UserMessage.class),
                messages.stream().map(m -> (Class<?>) m.getClass()).toList());
        assertEquals(List.of(LlmUserSimulator.GREETING, "I want to cancel order #W1234567.", "Sure. What is your email?",
                "ada.kim1234@example.com", "Thanks, found you. Which reason?"), messages.stream().skip(1).map(LlmUserSimulatorTest::text).toList());
    }

    @Test
    void should_leave_tool_traffic_and_blank_messages_out_of_the_users_view() {
        ScriptedChatModel model = new ScriptedChatModel().reply("ok");
        ToolCall call = new ToolCall("c1", "get_order_details", "{}");
        new LlmUserSimulator(model, "test/user", SCENARIO).next(List.of(
                Message.user("Hi"),
                Message.assistant("", null, List.of(call)),
                Message.tool(ToolResult.error(call, "Order not found")),
                Message.assistant("Which order?")));
        assertEquals(4, model.requests.getFirst().messages().size(), model.requests.getFirst().messages().toString());
        assertFalse(model.requests.getFirst().messages().stream().map(LlmUserSimulatorTest::text).anyMatch(t -> t.contains("Order not found")));
    }

    @Test
    void should_continue_on_a_plain_reply() {
        UserTurn turn = new LlmUserSimulator(new ScriptedChatModel().reply("  I want to cancel an order.  "), "test/user", SCENARIO).next(List.of());
        assertEquals(UserTurn.say("I want to cancel an order."), turn);
    }

    @Test
    void should_stop_and_strip_the_token_when_the_reply_holds_the_stop_token() {
        UserTurn turn = new LlmUserSimulator(new ScriptedChatModel().reply("That's all, thanks! ###STOP###"), "test/user", SCENARIO).next(List.of());
        assertEquals(UserTurn.Signal.STOP, turn.signal());
        assertEquals("That's all, thanks!", turn.content());
    }

    @Test
    void should_stop_with_a_fallback_text_when_the_reply_is_only_the_stop_token() {
        UserTurn turn = new LlmUserSimulator(new ScriptedChatModel().reply("###STOP###"), "test/user", SCENARIO).next(List.of());
        assertEquals(UserTurn.Signal.STOP, turn.signal());
        assertFalse(turn.content().isBlank());
        assertFalse(turn.content().contains("###"));
    }

    @Test
    void should_signal_transfer_when_the_reply_holds_the_transfer_token() {
        UserTurn turn = new LlmUserSimulator(new ScriptedChatModel().reply("Okay, I'll wait for a human. ###TRANSFER###"), "test/user", SCENARIO).next(List.of());
        assertEquals(new UserTurn("Okay, I'll wait for a human.", UserTurn.Signal.TRANSFER), turn);
    }

    @Test
    void should_fail_with_a_user_simulator_exception_when_the_reply_is_empty() {
        for (String empty : List.of("", "   ", "\n")) {
            LlmUserSimulator user = new LlmUserSimulator(new ScriptedChatModel().reply(empty), "test/user", SCENARIO);
            UserSimulatorException e = assertThrows(UserSimulatorException.class, () -> user.next(List.of()));
            assertTrue(e.getMessage().contains("test/user") && e.getMessage().contains("empty"), e.getMessage());
        }
    }

    @Test
    void should_fail_with_a_user_simulator_exception_when_the_reply_has_no_text() {
        ChatResponse toolCallOnly = ChatResponse.builder().aiMessage(AiMessage.from(
                dev.langchain4j.agent.tool.ToolExecutionRequest.builder().id("x").name("stop").arguments("{}").build())).build();
        LlmUserSimulator user = new LlmUserSimulator(new ScriptedChatModel().respond(toolCallOnly), "test/user", SCENARIO);
        assertThrows(UserSimulatorException.class, () -> user.next(List.of()));
    }

    @Test
    void should_wrap_a_model_failure_in_a_user_simulator_exception_keeping_the_cause() {
        RuntimeException failure = new IllegalStateException("rate limited");
        LlmUserSimulator user = new LlmUserSimulator(new ScriptedChatModel().fail(failure), "test/user", SCENARIO);
        UserSimulatorException e = assertThrows(UserSimulatorException.class, () -> user.next(List.of()));
        assertSame(failure, e.getCause());
        assertTrue(e.getMessage().contains("test/user") && e.getMessage().contains("rate limited"), e.getMessage());
    }

    /** A model failure some layer below already classified, as the collector's model calls are. */
    private static final class ClassifiedCallFailure extends RuntimeException implements dev.trajforge.simenv.ClassifiedFailure {
        ClassifiedCallFailure(String message) {
            super(message);
        }

        @Override
        public String failureClass() {
            return "http_503";
        }
    }

    @Test
    void should_keep_the_cause_class_of_a_classified_model_failure_when_the_model_call_fails() {
        RuntimeException wrapped = new RuntimeException("client gave up", new ClassifiedCallFailure("HTTP 503: overloaded"));
        LlmUserSimulator user = new LlmUserSimulator(new ScriptedChatModel().fail(wrapped), "test/user", SCENARIO);
        assertEquals("http_503", assertThrows(UserSimulatorException.class, () -> user.next(List.of())).failureClass());
    }

    @Test
    void should_class_a_model_failure_nobody_classified_as_unclassified_keeping_its_message() {
        LlmUserSimulator user = new LlmUserSimulator(new ScriptedChatModel().fail(new IllegalStateException("odd")), "test/user", SCENARIO);
        UserSimulatorException e = assertThrows(UserSimulatorException.class, () -> user.next(List.of()));
        assertEquals("unclassified", e.failureClass());
        assertTrue(e.getMessage().contains("odd"), e.getMessage());
    }

    @Test
    void should_class_an_empty_reply_as_empty_response_when_the_model_answers_nothing() {
        LlmUserSimulator user = new LlmUserSimulator(new ScriptedChatModel().reply(" "), "test/user", SCENARIO);
        assertEquals("empty_response", assertThrows(UserSimulatorException.class, () -> user.next(List.of())).failureClass());
    }

    @Test
    void should_accumulate_token_usage_over_calls() {
        ScriptedChatModel model = new ScriptedChatModel()
                .reply("Hi, cancel my order.", new TokenUsage(120, 8))
                .reply("ada.kim1234@example.com", new TokenUsage(150, 12))
                .respond(ChatResponse.builder().aiMessage(AiMessage.from("Yes.")).build())
                .reply("Thanks ###STOP###", new TokenUsage(200, null));
        LlmUserSimulator user = new LlmUserSimulator(model, "test/user", SCENARIO);
        assertEquals(Usage.NONE, user.usage());
        List<Message> conversation = new ArrayList<>();
        for (String agent : List.of("What is your email?", "Confirm (yes/no)?", "Done. Anything else?")) {
            conversation.add(Message.user(user.next(conversation).content()));
            conversation.add(Message.assistant(agent));
        }
        assertEquals(UserTurn.Signal.STOP, user.next(conversation).signal());
        assertEquals(new Usage(4, 470, 20), user.usage());
        assertEquals(4, model.requests.size());
        assertEquals(2 + 6, model.requests.getLast().messages().size(), "system + greeting + 3 user and 3 agent turns");
    }

    @Test
    void should_count_the_call_even_when_the_reply_is_rejected_as_empty() {
        LlmUserSimulator user = new LlmUserSimulator(new ScriptedChatModel().reply(" ", new TokenUsage(50, 1)), "test/user", SCENARIO);
        assertThrows(UserSimulatorException.class, () -> user.next(List.of()));
        assertEquals(new Usage(1, 50, 1), user.usage());
    }

    @Test
    void should_record_the_sha256_of_the_prompt_resource_and_the_model_label() throws IOException, NoSuchAlgorithmException {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(resourceText().getBytes(StandardCharsets.UTF_8)));
        LlmUserSimulator user = new LlmUserSimulator(new ScriptedChatModel(), "openai/gpt-test", SCENARIO);
        assertEquals(expected, user.promptSha256());
        assertEquals(expected, LlmUserSimulator.PROMPT.sha256());
        assertEquals(Hashing.sha256Hex(LlmUserSimulator.PROMPT.text()), user.promptSha256());
        assertEquals("openai/gpt-test", user.model());
    }

    @Test
    void should_keep_the_prompt_placeholder_and_the_stop_protocol_in_the_resource() throws IOException {
        String prompt = resourceText();
        assertTrue(prompt.contains("{{scenario}}"));
        assertTrue(prompt.contains(UserTurn.STOP_TOKEN));
        assertTrue(prompt.contains(UserTurn.TRANSFER_TOKEN));
    }

    /** A phone with one switch: the user's tool, recording what it was asked. */
    private static final class Phone implements UserDevice {
        final List<ToolCall> calls = new ArrayList<>();
        boolean airplane = true;

        @Override
        public List<dev.langchain4j.agent.tool.ToolSpecification> tools() {
            return List.of(dev.langchain4j.agent.tool.ToolSpecification.builder().name("toggle_airplane_mode").description("Airplane mode on or off")
                    .parameters(dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder().addBooleanProperty("enabled").required("enabled").build())
                    .build());
        }

        @Override
        public ToolResult call(ToolCall call) {
            calls.add(call);
            airplane = call.argumentsJson().contains("true");
            return ToolResult.ok(call, "Airplane mode is now " + (airplane ? "on" : "off") + ".");
        }
    }

    private static ChatResponse callsTool(String id, String arguments) {
        return ChatResponse.builder().aiMessage(AiMessage.from(dev.langchain4j.agent.tool.ToolExecutionRequest.builder().id(id)
                .name("toggle_airplane_mode").arguments(arguments).build())).tokenUsage(new TokenUsage(100, 10)).build();
    }

    @Test
    void should_offer_the_device_tools_run_the_users_calls_on_the_device_and_hand_back_the_results_before_it_speaks() {
        ScriptedChatModel model = new ScriptedChatModel().respond(callsTool("u1", "{\"enabled\":false}")).reply("Done, airplane mode is off now.");
        Phone phone = new Phone();
        LlmUserSimulator user = new LlmUserSimulator(model, "test/user", SCENARIO);
        List<Message> visible = List.of(Message.user("My phone has no signal."), Message.assistant("Please turn airplane mode off on your phone."));

        UserTurn turn = user.next(visible, phone);

        assertEquals("Done, airplane mode is off now.", turn.content());
        assertFalse(phone.airplane);
        assertEquals(List.of(new ToolCall("u1", "toggle_airplane_mode", "{\"enabled\":false}")), phone.calls);
        assertEquals(List.of("toggle_airplane_mode"), model.requests.get(0).toolSpecifications().stream().map(t -> t.name()).toList());
        List<ChatMessage> second = model.requests.get(1).messages();
        assertInstanceOf(dev.langchain4j.data.message.ToolExecutionResultMessage.class, second.getLast());
        assertEquals("Airplane mode is now off.", ((dev.langchain4j.data.message.ToolExecutionResultMessage) second.getLast()).text());
        assertEquals(2, user.usage().calls());
    }

    @Test
    void should_keep_what_the_user_did_on_the_device_in_its_view_of_later_turns() {
        ScriptedChatModel model = new ScriptedChatModel().respond(callsTool("u1", "{\"enabled\":false}")).reply("Done.").reply("Thanks, bye. ###STOP###");
        LlmUserSimulator user = new LlmUserSimulator(model, "test/user", SCENARIO);
        List<Message> visible = new ArrayList<>(List.of(Message.user("No signal."), Message.assistant("Please turn airplane mode off.")));
        user.next(visible, new Phone());
        visible.add(Message.user("Done."));
        visible.add(Message.assistant("Great, it works now. Anything else?"));

        user.next(visible, new Phone());

        List<ChatMessage> view = model.requests.get(2).messages();
        int call = -1;
        for (int i = 0; i < view.size(); i++) if (view.get(i) instanceof AiMessage ai && ai.hasToolExecutionRequests()) call = i;
        assertTrue(call > 0, "the device call is in the user's view: " + view);
        assertInstanceOf(dev.langchain4j.data.message.ToolExecutionResultMessage.class, view.get(call + 1));
        assertEquals("Done.", text(view.get(call + 2)), "then what the user said after it");
    }

    @Test
    void should_fail_as_a_user_simulator_failure_when_the_model_keeps_calling_its_device_without_speaking() {
        ScriptedChatModel model = new ScriptedChatModel();
        for (int i = 0; i <= LlmUserSimulator.MAX_DEVICE_ROUNDS; i++) model.respond(callsTool("u" + i, "{\"enabled\":false}"));
        LlmUserSimulator user = new LlmUserSimulator(model, "test/user", SCENARIO);

        UserSimulatorException e = assertThrows(UserSimulatorException.class,
                () -> user.next(List.of(Message.user("No signal."), Message.assistant("Please turn airplane mode off.")), new Phone()));

        assertEquals(LlmUserSimulator.DEVICE_LOOP, e.failureClass());
    }

    @Test
    void should_offer_no_tools_without_a_device() {
        ScriptedChatModel model = new ScriptedChatModel().reply("Hi.");
        new LlmUserSimulator(model, "test/user", SCENARIO).next(List.of(), UserDevice.NONE);
        assertTrue(model.requests.getFirst().toolSpecifications().isEmpty());
    }
}
