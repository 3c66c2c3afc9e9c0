package dev.trajforge.collector.episode;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;

import java.util.List;

/** Converts trajectory messages to the LangChain4j messages an agent model is sent. */
final class ChatMessages {
    private ChatMessages() {
    }

    static ChatMessage toLangChain(Message message) {
        return switch (message.role()) {
            case SYSTEM -> SystemMessage.from(message.content());
            case USER -> UserMessage.from(message.content());
            case TOOL -> ToolExecutionResultMessage.from(message.toolCallId(), message.name(), message.content());
            case ASSISTANT -> {
                AiMessage.Builder builder = AiMessage.builder().text(message.content()).thinking(message.reasoning());
                if (message.hasToolCalls()) builder.toolExecutionRequests(requests(message.toolCalls()));
                yield builder.build();
            }
        };
    }

    /**
     * The message as it may be sent to a provider: tool-call arguments that are not a JSON object
     * (a model's malformed output) are replaced by {@code {}}, so one bad call does not make every later
     * request of the conversation fail. The trajectory keeps the raw string.
     */
    static Message upstreamSafe(Message message) {
        if (!message.hasToolCalls() || message.toolCalls().stream().allMatch(ChatMessages::wellFormed)) return message;
        List<ToolCall> safe = message.toolCalls().stream()
                .map(call -> wellFormed(call) ? call : new ToolCall(call.id(), call.name(), "{}")).toList();
        return Message.assistant(message.content(), message.reasoning(), safe);
    }

    private static boolean wellFormed(ToolCall call) {
        return dev.trajforge.simenv.CanonicalJson.parseObjectOrNull(call.argumentsJson()) != null;
    }

    private static List<ToolExecutionRequest> requests(List<ToolCall> calls) {
        return calls.stream().map(call -> ToolExecutionRequest.builder().id(call.id()).name(call.name())
                .arguments(call.argumentsJson()).build()).toList();
    }
}
