package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.ToolCall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one session's messages and enforces what every ingested session must satisfy: a tool result
 * answers an earlier call of the session, exactly once; call ids are unique; arguments are JSON objects;
 * at the end no call is unanswered and some user spoke. Any breach is a {@link Reject} with the reason.
 *
 * <p>Formats that log an assistant turn as several items (Responses API, Codex) add its parts with
 * {@link #assistantText}, {@link #assistantReasoning} and {@link #call}; they are merged into one
 * assistant message (reasoning, then text, then calls) until something else is said.
 */
final class SessionBuilder {
    private final List<Message> messages = new ArrayList<>();
    private final Map<String, ToolCall> calls = new HashMap<>();
    private final Map<String, Boolean> answered = new LinkedHashMap<>();
    private final Map<String, Long> callLines = new HashMap<>();
    private long line;

    private String pendingText;
    private String pendingReasoning;
    private final List<ToolCall> pendingCalls = new ArrayList<>();

    /** The line of the record being added (whole-file formats), so a call left unanswered is blamed on its line. */
    void atLine(long line) {
        this.line = line;
    }

    void system(String content) {
        add(Role.SYSTEM, content);
    }

    void user(String content) {
        add(Role.USER, content);
    }

    private void add(Role role, String content) {
        endTurn();
        if (content == null) throw new Reject(role.wireName() + " message has no content");
        messages.add(new Message(role, content, null, List.of(), null, null, false));
    }

    /** One complete assistant message. */
    void assistant(String content, String reasoning, List<ToolCall> toolCalls) {
        endTurn();
        for (ToolCall call : toolCalls) register(call);
        messages.add(Message.assistant(content, reasoning, toolCalls));
    }

    void assistantText(String text) {
        if (pendingText != null || !pendingCalls.isEmpty()) endTurn();
        pendingText = text;
    }

    void assistantReasoning(String reasoning) {
        if (pendingText != null || !pendingCalls.isEmpty()) endTurn();
        pendingReasoning = pendingReasoning == null ? reasoning : pendingReasoning + "\n\n" + reasoning;
    }

    void call(ToolCall call) {
        register(call);
        pendingCalls.add(call);
    }

    /** Ends the assistant turn being assembled from parts, if any. */
    void endTurn() {
        if (pendingText == null && pendingReasoning == null && pendingCalls.isEmpty()) return;
        messages.add(Message.assistant(pendingText, pendingReasoning, List.copyOf(pendingCalls)));
        pendingText = null;
        pendingReasoning = null;
        pendingCalls.clear();
    }

    /** The tool message answering call {@code callId}; its tool name is the call's. */
    void toolResult(String callId, String content, boolean error) {
        endTurn();
        if (callId == null) throw new Reject("tool result without a call id");
        ToolCall call = calls.get(callId);
        if (call == null) throw new Reject("tool result for unknown call '" + callId + "'");
        if (answered.put(callId, true)) throw new Reject("tool call '" + callId + "' answered twice");
        if (content == null) throw new Reject("tool result for call '" + callId + "' has no content");
        messages.add(new Message(Role.TOOL, content, null, List.of(), callId, call.name(), error));
    }

    /** The calls not answered yet, oldest first (ShareGPT observations answer them in order). */
    List<String> unanswered() {
        return answered.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    }

    private void register(ToolCall call) {
        if (call.name().isBlank()) throw new Reject("tool call '" + call.id() + "' has no name");
        if (calls.putIfAbsent(call.id(), call) != null) throw new Reject("duplicate tool call id '" + call.id() + "'");
        answered.put(call.id(), false);
        callLines.put(call.id(), line);
    }

    List<Message> finish() {
        endTurn();
        if (messages.isEmpty()) throw new Reject("empty conversation");
        if (messages.stream().noneMatch(m -> m.role() == Role.USER)) throw new Reject("no user message");
        List<String> open = unanswered();
        if (!open.isEmpty()) throw new Reject("tool call '" + open.getFirst() + "' has no result", callLines.get(open.getFirst()));
        return List.copyOf(messages);
    }

    /** A tool call whose arguments are given as text: it must be a JSON object, kept verbatim. */
    static ToolCall callWithArgumentsText(String id, String name, String arguments) {
        if (id == null || id.isBlank()) throw new Reject("tool call without an id");
        if (name == null) throw new Reject("tool call '" + id + "' has no name");
        String text = arguments == null || arguments.isBlank() ? "{}" : arguments;
        JsonNode parsed;
        try {
            parsed = Json.parse(text);
        } catch (Reject e) {
            throw new Reject("arguments of tool call '" + id + "' are not JSON: " + e.reason().substring("bad JSON: ".length()));
        }
        if (!(parsed instanceof ObjectNode)) throw new Reject("arguments of tool call '" + id + "' are not a JSON object");
        return new ToolCall(id, name, text);
    }

    /** A tool call whose arguments are given as a JSON value: it must be an object, text or an object. */
    static ToolCall callWithArguments(String id, String name, JsonNode arguments) {
        if (arguments == null || arguments.isNull()) return callWithArgumentsText(id, name, null);
        if (arguments.isTextual()) return callWithArgumentsText(id, name, arguments.textValue());
        if (arguments instanceof ObjectNode) {
            if (id == null || id.isBlank()) throw new Reject("tool call without an id");
            if (name == null) throw new Reject("tool call '" + id + "' has no name");
            return new ToolCall(id, name, Json.write(arguments));
        }
        throw new Reject("arguments of tool call '" + id + "' are not a JSON object");
    }
}
