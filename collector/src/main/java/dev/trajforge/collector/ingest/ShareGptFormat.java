package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * ShareGPT: JSON Lines, or one JSON array, of {@code {"conversations": [{"from", "value"}], "system"?,
 * "tools"?}}. {@code from}: {@code human}/{@code user}, {@code gpt}/{@code assistant}, {@code system},
 * {@code function_call} (value: JSON {@code {name, arguments}} or a list of them; an assistant message
 * with those calls, ids {@code call_1}, {@code call_2}, ... in session order), {@code observation}
 * (also {@code tool}, {@code function}: answers the oldest unanswered call). {@code tools}: a list, or
 * a JSON string of one, of function definitions. In a JSON array, a session's line is where its object starts.
 */
final class ShareGptFormat extends LineSessionFormat {

    /** Reads one array element from a parser that goes on (the mapper itself insists on nothing after a value). */
    private static final com.fasterxml.jackson.databind.ObjectReader ELEMENT = Json.MAPPER.readerFor(JsonNode.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public String name() {
        return "sharegpt";
    }

    @Override
    public void read(String displayName, BufferedReader in, Consumer<IngestItem> out) throws IOException {
        in.mark(1 << 16);
        int c;
        do c = in.read(); while (c != -1 && Character.isWhitespace(c));
        in.reset();
        if (c == '[') readArray(displayName, in, out);
        else super.read(displayName, in, out);
    }

    private void readArray(String displayName, BufferedReader in, Consumer<IngestItem> out) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(in)) {
            long line = 1;
            try {
                parser.nextToken(); // [
                while (true) {
                    JsonToken token = parser.nextToken();
                    line = parser.currentTokenLocation().getLineNr();
                    if (token == JsonToken.END_ARRAY || token == null) break;
                    JsonNode element = ELEMENT.readValue(parser);
                    if (element instanceof ObjectNode record) out.accept(readSession(displayName, line, record));
                    else out.accept(new IngestItem.Rejected(displayName, line, name(), "wrong type: an array element must be an object"));
                }
            } catch (JsonProcessingException e) { // the rest of the array cannot be read
                long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
                out.accept(new IngestItem.Rejected(displayName, at, name(), "bad JSON: " + Json.describe(e) + "; the rest of the file is not read"));
            }
        }
    }

    @Override
    String convert(ObjectNode record, SessionBuilder session) {
        if (!record.has("conversations")) throw new Reject("missing conversations");
        String system = Json.text(record, "system");
        if (system != null) session.system(system);
        int callNumber = 0;
        Deque<String> unanswered = new ArrayDeque<>();
        for (JsonNode turn : Json.list(record, "conversations")) {
            Json.object(turn, "a conversation turn");
            String from = Json.requiredText(turn, "from", "a conversation turn");
            String value = Json.text(turn, "value");
            if (value == null) throw new Reject("turn from '" + from + "' has no value");
            switch (from) {
                case "human", "user" -> session.user(value);
                case "gpt", "assistant", "model" -> session.assistant(value, null, java.util.List.of());
                case "system" -> session.system(value);
                case "function_call" -> {
                    JsonNode calls = parseValue(value, "function_call value");
                    ArrayNode list = calls.isArray() ? (ArrayNode) calls : Json.MAPPER.createArrayNode().add(calls);
                    for (JsonNode call : list) {
                        Json.object(call, "a function_call value");
                        String id = "call_" + (++callNumber);
                        session.call(SessionBuilder.callWithArguments(id, Json.text(call, "name"), call.get("arguments")));
                        unanswered.add(id);
                    }
                    session.endTurn();
                }
                case "observation", "tool", "function" -> {
                    if (unanswered.isEmpty()) throw new Reject("observation without a function_call");
                    session.toolResult(unanswered.poll(), value, false);
                }
                default -> throw new Reject("unknown role '" + from + "'");
            }
        }
        JsonNode tools = record.get("tools");
        if (tools != null && tools.isTextual()) tools = tools.textValue().isBlank() ? null : parseValue(tools.textValue(), "tools");
        if (tools == null || tools.isNull()) return "[]";
        ObjectNode holder = Json.MAPPER.createObjectNode();
        holder.set("tools", tools);
        return Tools.openAiChat(Json.list(holder, "tools"));
    }

    private static JsonNode parseValue(String text, String what) {
        try {
            return Json.parse(text);
        } catch (Reject e) {
            throw new Reject(what + " is not JSON: " + e.reason().substring("bad JSON: ".length()));
        }
    }
}
