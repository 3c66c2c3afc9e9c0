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

    private static List<ToolExecutionRequest> requests(List<ToolCall> calls) {
        return calls.stream().map(call -> ToolExecutionRequest.builder().id(call.id()).name(call.name())
                .arguments(call.argumentsJson()).build()).toList();
    }
}
