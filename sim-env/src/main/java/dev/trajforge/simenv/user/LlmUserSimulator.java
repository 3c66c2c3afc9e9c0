package dev.trajforge.simenv.user;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.trajforge.simenv.Affirmations;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Persona;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.UserScenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A user played by an LLM through LangChain4j's {@link ChatModel}. The conversation is role-flipped
 * (the agent's messages become the model's "user" turns, the simulated user's messages its own
 * replies) under a system prompt from {@code prompts/user-simulator.md} with the scenario filled in.
 * {@code ###STOP###} / {@code ###TRANSFER###} in a reply end the conversation.
 */
public final class LlmUserSimulator implements UserSimulator {
    public static final PromptResource PROMPT = PromptResource.load(LlmUserSimulator.class, "/prompts/user-simulator.md");
    /** The agent's greeting the user answers first; it is part of the user's prompt, not of the trajectory. */
    static final String GREETING = "Hi! How can I help you today?";
    static final String CONFIRMATION_REMINDER = "(Reminder for the customer you are playing: the agent just asked you to confirm an action."
            + " Answer that question with yes or no first; do not end the conversation yet.)";

    /** Cause classes of the simulator's own failures (a failed model call keeps the call's class). */
    static final String EMPTY_RESPONSE = "empty_response";
    static final String STOPPED_AT_CONFIRMATION = "stopped_at_confirmation";
    static final String DEVICE_LOOP = "device_loop";
    /** Rounds of device calls the user model may make in one turn before it must speak. */
    static final int MAX_DEVICE_ROUNDS = 6;

    private final ChatModel model;
    private final String modelLabel;
    private final String systemPrompt;
    private final Persona persona;
    private Usage usage = Usage.NONE;
    /** the device calls and results of each of the user's turns, by the turn's index in the visible conversation */
    private final java.util.Map<Integer, List<ChatMessage>> deviceExchanges = new java.util.HashMap<>();

    /** The task's own user: the scenario's style, English, medium traits. */
    public LlmUserSimulator(ChatModel model, String modelLabel, UserScenario scenario) {
        this(model, modelLabel, scenario, Persona.ofStyle(scenario.style()));
    }

    public LlmUserSimulator(ChatModel model, String modelLabel, UserScenario scenario, Persona persona) {
        this.model = model;
        this.modelLabel = modelLabel;
        this.persona = java.util.Objects.requireNonNull(persona, "persona");
        this.systemPrompt = PROMPT.text().replace("{{persona}}", persona.describe()).replace("{{scenario}}", scenario.instructions());
    }

    @Override
    public Persona persona() {
        return persona;
    }

    /**
     * The next turn. Guardrail against a known failure of LLM users: stopping right after the agent
     * asked for confirmation. Such a stop is re-asked once with a reminder; a second one is a
     * user-simulator failure (never kept as data).
     */
    @Override
    public UserTurn next(List<Message> visibleConversation) {
        return next(visibleConversation, UserDevice.NONE);
    }

    /**
     * With a device, the user model is offered its tools: each call it makes is run on the device and its result
     * handed back, at most {@link #MAX_DEVICE_ROUNDS} rounds a turn, until it speaks. What it did stays in its own
     * view of the conversation in later turns (the agent never sees it).
     */
    @Override
    public UserTurn next(List<Message> visibleConversation, UserDevice device) {
        List<ChatMessage> messages = flip(visibleConversation);
        int turnAt = visibleConversation.size();
        UserTurn turn = ask(messages, device, turnAt);
        if (turn.signal() == UserTurn.Signal.STOP && agentAskedForConfirmation(visibleConversation)) {
            List<ChatMessage> reminded = new ArrayList<>(messages);
            reminded.add(UserMessage.from(CONFIRMATION_REMINDER));
            turn = ask(reminded, device, turnAt);
            if (turn.signal() == UserTurn.Signal.STOP) {
                throw new UserSimulatorException(STOPPED_AT_CONFIRMATION, "user model " + modelLabel
                        + " ended the conversation twice instead of answering the agent's confirmation question", null);
            }
        }
        return turn;
    }

    private UserTurn ask(List<ChatMessage> messages, UserDevice device, int turnAt) {
        List<ChatMessage> exchange = new ArrayList<>(); // this turn's device calls and results
        for (int round = 0; ; round++) {
            List<ChatMessage> request = new ArrayList<>(messages);
            request.addAll(exchange);
            ChatResponse response = call(request, device.tools());
            AiMessage reply = response.aiMessage();
            if (reply != null && reply.hasToolExecutionRequests()) {
                if (round >= MAX_DEVICE_ROUNDS) {
                    throw new UserSimulatorException(DEVICE_LOOP, "user model " + modelLabel + " kept calling its device tools for "
                            + MAX_DEVICE_ROUNDS + " rounds without speaking", null);
                }
                exchange.add(reply);
                for (ToolExecutionRequest r : reply.toolExecutionRequests()) {
                    ToolResult result = device.call(new ToolCall(r.id() == null ? "" : r.id(), r.name() == null ? "" : r.name(), r.arguments()));
                    exchange.add(ToolExecutionResultMessage.from(r, result.content()));
                }
                continue;
            }
            UserTurn turn = spoken(reply);
            if (!exchange.isEmpty()) deviceExchanges.merge(turnAt, List.copyOf(exchange), LlmUserSimulator::concat); // a re-asked turn keeps both
            return turn;
        }
    }

    private static List<ChatMessage> concat(List<ChatMessage> first, List<ChatMessage> then) {
        List<ChatMessage> both = new ArrayList<>(first);
        both.addAll(then);
        return List.copyOf(both);
    }

    private ChatResponse call(List<ChatMessage> messages, List<ToolSpecification> tools) {
        ChatResponse response;
        try {
            ChatRequest.Builder request = ChatRequest.builder().messages(messages);
            if (!tools.isEmpty()) request.toolSpecifications(tools);
            response = model.chat(request.build());
        } catch (RuntimeException e) {
            throw new UserSimulatorException("user model " + modelLabel + " failed: " + e.getMessage(), e);
        }
        usage = usage.plus(Usage.ofCall(response.tokenUsage()));
        return response;
    }

    private UserTurn spoken(AiMessage reply) {
        String text = reply == null ? null : reply.text();
        if (text == null || text.isBlank()) {
            throw new UserSimulatorException(EMPTY_RESPONSE, "user model " + modelLabel + " returned an empty reply", null);
        }
        return UserTurn.parse(text, "Thanks, bye.");
    }

    private static boolean agentAskedForConfirmation(List<Message> conversation) {
        for (int i = conversation.size() - 1; i >= 0; i--) {
            Message message = conversation.get(i);
            if (message.role() == Role.ASSISTANT && message.content() != null) return Affirmations.asksForConfirmation(message.content());
            if (message.role() == Role.USER) return false;
        }
        return false;
    }

    List<ChatMessage> flip(List<Message> conversation) {
        List<ChatMessage> flipped = new ArrayList<>();
        flipped.add(SystemMessage.from(systemPrompt));
        flipped.add(UserMessage.from(GREETING));
        for (int i = 0; i < conversation.size(); i++) {
            Message message = conversation.get(i);
            if (message.role() == Role.USER) flipped.addAll(deviceExchanges.getOrDefault(i, List.of())); // what the user did before saying it
            if (message.content() == null || message.content().isBlank()) continue;
            if (message.role() == Role.ASSISTANT) flipped.add(UserMessage.from(message.content()));
            else if (message.role() == Role.USER) flipped.add(AiMessage.from(message.content()));
        }
        return flipped;
    }

    @Override
    public String model() {
        return modelLabel;
    }

    @Override
    public String promptSha256() {
        return PROMPT.sha256();
    }

    @Override
    public Usage usage() {
        return usage;
    }
}
