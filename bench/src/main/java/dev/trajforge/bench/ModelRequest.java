package dev.trajforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chat request as the loopback server reads it, from either protocol: the system prompt, the conversation as
 * LangChain4j messages (system first), whether tools were offered, and the prompt as a server would see it for
 * prefix caching ({@code prompt}: tools, system, messages, in that order, {@code cache_control} markers left out) with
 * the offsets where the client placed Anthropic cache breakpoints.
 */
record ModelRequest(String system, List<ChatMessage> messages, boolean hasTools, String prompt, List<Integer> breakpoints) {
    /** The text of each tool list seen, by the list's hash (a few per run: one per domain). */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, String> TOOL_TEXTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** OpenAI chat completions: {@code messages} (system first), {@code tools}. */
    static ModelRequest openAi(JsonNode body) {
        StringBuilder prompt = new StringBuilder();
        JsonNode tools = body.path("tools");
        boolean hasTools = tools.isArray() && !tools.isEmpty();
        if (hasTools) prompt.append(TOOL_TEXTS.computeIfAbsent(tools.hashCode(), hash -> tools.toString())); // a run sends one tool list: written once
        List<ChatMessage> messages = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        String system = "";
        for (JsonNode message : body.path("messages")) {
            prompt.append(message);
            String content = text(message.get("content"));
            switch (message.path("role").asText()) {
                case "system", "developer" -> {
                    system = content;
                    messages.add(SystemMessage.from(content));
                }
                case "user" -> messages.add(UserMessage.from(content));
                case "assistant" -> {
                    List<ToolExecutionRequest> calls = new ArrayList<>();
                    for (JsonNode call : message.path("tool_calls")) {
                        String id = call.path("id").asText();
                        String name = call.path("function").path("name").asText();
                        toolNames.put(id, name);
                        calls.add(ToolExecutionRequest.builder().id(id).name(name).arguments(call.path("function").path("arguments").asText()).build());
                    }
                    messages.add(assistant(content, calls));
                }
                case "tool" -> {
                    String id = message.path("tool_call_id").asText();
                    messages.add(ToolExecutionResultMessage.from(id, toolNames.getOrDefault(id, ""), content));
                }
                default -> throw new IllegalArgumentException("unknown message role " + message.path("role"));
            }
        }
        return new ModelRequest(system, messages, hasTools, prompt.toString(), List.of());
    }

    /** Anthropic messages: {@code system} (text or blocks), {@code messages} of content blocks, {@code tools}; cache markers anywhere. */
    static ModelRequest anthropic(JsonNode body) {
        StringBuilder prompt = new StringBuilder();
        List<Integer> breakpoints = new ArrayList<>();
        JsonNode tools = body.path("tools");
        boolean hasTools = tools.isArray() && !tools.isEmpty();
        for (JsonNode tool : tools) piece(prompt, tool, breakpoints);
        JsonNode systemNode = body.path("system");
        StringBuilder system = new StringBuilder();
        if (systemNode.isTextual()) {
            system.append(systemNode.asText());
            prompt.append(systemNode);
        } else {
            for (JsonNode block : systemNode) {
                system.append(block.path("text").asText());
                piece(prompt, block, breakpoints);
            }
        }
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(system.toString()));
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode message : body.path("messages")) {
            piece(prompt, message, breakpoints);
            JsonNode content = message.path("content");
            boolean user = message.path("role").asText().equals("user");
            if (content.isTextual()) {
                messages.add(user ? UserMessage.from(content.asText()) : AiMessage.from(content.asText()));
                continue;
            }
            StringBuilder text = new StringBuilder();
            List<ToolExecutionRequest> calls = new ArrayList<>();
            for (JsonNode block : content) {
                switch (block.path("type").asText()) {
                    case "text" -> text.append(block.path("text").asText());
                    case "tool_use" -> {
                        String id = block.path("id").asText();
                        toolNames.put(id, block.path("name").asText());
                        calls.add(ToolExecutionRequest.builder().id(id).name(block.path("name").asText()).arguments(block.path("input").toString()).build());
                    }
                    case "tool_result" -> {
                        String id = block.path("tool_use_id").asText();
                        messages.add(ToolExecutionResultMessage.from(id, toolNames.getOrDefault(id, ""), text(block.get("content"))));
                    }
                    default -> {
                        // thinking and other blocks play no part in the scripted roles
                    }
                }
            }
            if (user) {
                if (!text.isEmpty()) messages.add(UserMessage.from(text.toString()));
            } else {
                messages.add(assistant(text.toString(), calls));
            }
        }
        return new ModelRequest(system.toString(), messages, hasTools, prompt.toString(), List.copyOf(breakpoints));
    }

    /** Appends one element of the prompt without its cache markers; a marker anywhere in it makes its end a breakpoint. */
    private static void piece(StringBuilder prompt, JsonNode node, List<Integer> breakpoints) {
        boolean marked = stripMarkers(node);
        prompt.append(node);
        if (marked) breakpoints.add(prompt.length());
    }

    private static boolean stripMarkers(JsonNode node) {
        boolean marked = false;
        if (node instanceof ObjectNode object && object.remove("cache_control") != null) marked = true;
        if (node.isContainerNode()) for (JsonNode child : node) marked |= stripMarkers(child);
        return marked;
    }

    private static AiMessage assistant(String content, List<ToolExecutionRequest> calls) {
        if (calls.isEmpty()) return AiMessage.from(content == null ? "" : content);
        return content == null || content.isEmpty() ? AiMessage.from(calls) : AiMessage.from(content, calls);
    }

    /** Text of a content field: a string, or the text of its parts. */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) text.append(part.path("text").asText());
        return text.toString();
    }
}
