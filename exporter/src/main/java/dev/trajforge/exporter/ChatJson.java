package dev.trajforge.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON encodings of one trajectory: OpenAI fine-tuning JSONL and ShareGPT (APIGen-MT). Objects keep
 * the key order written here, so the same trajectory always gives the same bytes.
 */
final class ChatJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChatJson() {
    }

    /**
     * One line of OpenAI's chat fine-tuning format, {@code \n} included:
     * {@code {"messages": [...], "tools": [...], "parallel_tool_calls": true}}.
     *
     * <ul>
     *   <li>system and user messages: {@code role}, {@code content};</li>
     *   <li>assistant: {@code content} (left out when null and there are tool calls, {@code ""} when there
     *       is neither), {@code tool_calls} with {@code id}, {@code type: "function"} and
     *       {@code function: {name, arguments}}, arguments the JSON string as the model wrote it;</li>
     *   <li>tool: {@code role}, {@code tool_call_id}, {@code content};</li>
     *   <li>{@code tools} is the agent's tool list as JSON objects; {@code parallel_tool_calls: true} is
     *       written only when some assistant message made more than one call.</li>
     * </ul>
     * Reasoning is left out: the format has no field for it.
     */
    static byte[] openAiLine(Trajectory t) {
        ObjectNode root = NODES.objectNode();
        ArrayNode messages = root.putArray("messages");
        boolean parallel = false;
        for (Message m : t.messages()) {
            ObjectNode out = messages.addObject();
            out.put("role", m.role().wireName());
            switch (m.role()) {
                case SYSTEM, USER -> out.put("content", m.content());
                case ASSISTANT -> {
                    if (m.content() != null || !m.hasToolCalls()) {
                        out.put("content", m.content() == null ? "" : m.content());
                    }
                    if (m.hasToolCalls()) {
                        parallel |= m.toolCalls().size() > 1;
                        ArrayNode calls = out.putArray("tool_calls");
                        for (ToolCall call : m.toolCalls()) {
                            ObjectNode c = calls.addObject();
                            c.put("id", call.id());
                            c.put("type", "function");
                            c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
                        }
                    }
                }
                case TOOL -> {
                    out.put("tool_call_id", m.toolCallId());
                    out.put("content", m.content());
                }
            }
        }
        root.set("tools", tools(t));
        if (parallel) {
            root.put("parallel_tool_calls", true);
        }
        byte[] json = bytes(root);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    /**
     * One element of a ShareGPT array as APIGen-MT publishes it:
     * {@code {"conversations": [{"from", "value"}...], "system": "...", "tools": "<JSON string>"}}.
     *
     * <ul>
     *   <li>the first system message becomes {@code system} (a later one is appended to it);</li>
     *   <li>user: {@code human}; assistant text: {@code gpt}; assistant tool calls: one {@code function_call}
     *       whose value is the JSON {@code {"name": ..., "arguments": {...}}}, or a JSON array of those for
     *       parallel calls (arguments that are not a JSON object stay a string); the tool messages that
     *       answer one assistant message: one {@code observation}, its value the result, or a JSON array
     *       of the results in call order for parallel calls;</li>
     *   <li>text an assistant wrote alongside tool calls and reasoning are left out, and so are the
     *       user and tool turns after the agent's last turn (a goodbye, a transfer confirmation): ShareGPT
     *       trainers expect human/observation and gpt/function_call turns to alternate and the
     *       conversation to end on the agent's side;</li>
     *   <li>{@code tools} is a JSON string of the bare function definitions ({@code name},
     *       {@code description}, {@code parameters}), without the OpenAI {@code type}/{@code function} wrapper.</li>
     * </ul>
     */
    static byte[] shareGptObject(Trajectory t) {
        ObjectNode root = NODES.objectNode();
        ArrayNode conversations = root.putArray("conversations");
        StringBuilder system = new StringBuilder();
        List<String> observations = new ArrayList<>();
        for (Message m : t.messages()) {
            if (m.role() != Role.TOOL && !observations.isEmpty()) {
                turn(conversations, "observation", observationValue(observations));
                observations.clear();
            }
            switch (m.role()) {
                case SYSTEM -> system.append(system.isEmpty() ? "" : "\n\n").append(m.content());
                case USER -> turn(conversations, "human", m.content());
                case ASSISTANT -> {
                    if (m.hasToolCalls()) {
                        turn(conversations, "function_call", functionCallValue(m.toolCalls()));
                    } else {
                        turn(conversations, "gpt", m.content() == null ? "" : m.content());
                    }
                }
                case TOOL -> observations.add(m.content());
            }
        }
        if (!observations.isEmpty()) {
            turn(conversations, "observation", observationValue(observations));
        }
        // trailing human/observation turns are not followed by the agent: nothing to learn from them
        int last = conversations.size() - 1;
        while (last >= 0 && !isAgentTurn(conversations.get(last))) {
            conversations.remove(last--);
        }
        root.put("system", system.toString());
        root.put("tools", toString(bareFunctions(tools(t))));
        return bytes(root);
    }

    private static boolean isAgentTurn(JsonNode turn) {
        String from = turn.get("from").asText();
        return from.equals("gpt") || from.equals("function_call");
    }

    private static void turn(ArrayNode conversations, String from, String value) {
        conversations.addObject().put("from", from).put("value", value);
    }

    private static String functionCallValue(List<ToolCall> calls) {
        if (calls.size() == 1) {
            return toString(functionCall(calls.getFirst()));
        }
        ArrayNode all = NODES.arrayNode();
        calls.forEach(call -> all.add(functionCall(call)));
        return toString(all);
    }

    private static ObjectNode functionCall(ToolCall call) {
        ObjectNode node = NODES.objectNode().put("name", call.name());
        ObjectNode arguments = CanonicalJson.parseObjectOrNull(call.argumentsJson());
        if (arguments != null) {
            node.set("arguments", arguments);
        } else {
            node.put("arguments", call.argumentsJson());
        }
        return node;
    }

    private static String observationValue(List<String> results) {
        if (results.size() == 1) {
            return results.getFirst();
        }
        ArrayNode all = NODES.arrayNode();
        results.forEach(all::add);
        return toString(all);
    }

    /** The trajectory's tool list, which the contract makes a JSON array. */
    private static ArrayNode tools(Trajectory t) {
        JsonNode tools = CanonicalJson.parseOrNull(t.toolsJson());
        if (!(tools instanceof ArrayNode array)) {
            throw new IllegalArgumentException("trajectory " + t.id() + ": tools is not a JSON array");
        }
        return array;
    }

    /** {@code {"type": "function", "function": {...}}} becomes the inner {@code {...}}; anything else stays. */
    private static ArrayNode bareFunctions(ArrayNode tools) {
        ArrayNode bare = NODES.arrayNode();
        for (JsonNode tool : tools) {
            bare.add(tool.path("function").isObject() ? tool.get("function") : tool);
        }
        return bare;
    }

    private static String toString(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
