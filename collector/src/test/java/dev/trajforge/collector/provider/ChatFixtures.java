package dev.trajforge.collector.provider;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

/** The conversation and tools every protocol test sends: a retail agent with two tools. */
final class ChatFixtures {

    static final ToolSpecification GET_ORDER = ToolSpecification.builder()
            .name("get_order_details")
            .description("Look up an order by id.")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("order_id", "Order id, such as '#W0000001'")
                    .required("order_id")
                    .build())
            .build();

    static final ToolSpecification CANCEL_ORDER = ToolSpecification.builder()
            .name("cancel_pending_order")
            .description("Cancel a pending order.")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("order_id", "Order id, such as '#W0000001'")
                    .addEnumProperty("reason", List.of("no longer needed", "ordered by mistake"))
                    .required("order_id", "reason")
                    .build())
            .build();

    static final List<ToolSpecification> TOOLS = List.of(GET_ORDER, CANCEL_ORDER);

    static final SystemMessage SYSTEM = SystemMessage.from("You are a retail support agent.");
    static final UserMessage USER = UserMessage.from("Where are my orders #W0000001 and #W0000002?");

    private ChatFixtures() {
    }

    /** A request with these messages and both tools. */
    static ChatRequest request(List<ChatMessage> messages) {
        return ChatRequest.builder().messages(messages).toolSpecifications(TOOLS).build();
    }

    /** The opening request: system prompt, user question, both tools. */
    static ChatRequest opening() {
        return request(List.of(SYSTEM, USER));
    }

    static List<ChatMessage> append(List<ChatMessage> messages, ChatMessage... more) {
        List<ChatMessage> all = new ArrayList<>(messages);
        all.addAll(List.of(more));
        return all;
    }

    /** Every throwable from {@code failure} down its causes, for messages when an assertion fails. */
    static String causeChain(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (!chain.isEmpty()) chain.append(" <- ");
            chain.append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        return chain.toString();
    }

    /** LangChain4j's JDK HTTP client pinned to HTTP/1.1. */
    static JdkHttpClientBuilder http11() {
        return new JdkHttpClientBuilder().httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
    }
}
