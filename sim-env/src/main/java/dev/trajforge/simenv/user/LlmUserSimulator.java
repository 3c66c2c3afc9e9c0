package dev.trajforge.simenv.user;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.trajforge.simenv.Affirmations;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Persona;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.Role;
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

    private final ChatModel model;
    private final String modelLabel;
    private final String systemPrompt;
    private final Persona persona;
    private Usage usage = Usage.NONE;

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
        List<ChatMessage> messages = flip(visibleConversation);
        UserTurn turn = ask(messages);
        if (turn.signal() == UserTurn.Signal.STOP && agentAskedForConfirmation(visibleConversation)) {
            List<ChatMessage> reminded = new ArrayList<>(messages);
            reminded.add(UserMessage.from(CONFIRMATION_REMINDER));
            turn = ask(reminded);
            if (turn.signal() == UserTurn.Signal.STOP) {
                throw new UserSimulatorException(STOPPED_AT_CONFIRMATION, "user model " + modelLabel
                        + " ended the conversation twice instead of answering the agent's confirmation question", null);
            }
        }
        return turn;
    }

    private UserTurn ask(List<ChatMessage> messages) {
        ChatResponse response;
        try {
            response = model.chat(ChatRequest.builder().messages(messages).build());
        } catch (RuntimeException e) {
            throw new UserSimulatorException("user model " + modelLabel + " failed: " + e.getMessage(), e);
        }
        TokenUsage tokens = response.tokenUsage();
        usage = usage.plus(1, tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount(),
                tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount());
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
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
        for (Message message : conversation) {
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
