package dev.trajforge.collector.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON object in a model's answer: the whole text, or the first fenced block ({@code ```json ... ```}), or the text
 * from its first '{' to its last '}' (models often add a sentence around it). What is not one JSON object is a problem
 * phrased for the model.
 */
final class AnswerText {
    private static final Pattern FENCE = Pattern.compile("```(?:json|JSON)?\\s*\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, true)
            .build();

    record Parsed(JsonNode json, String problem) {
    }

    private AnswerText() {
    }

    static Parsed parse(String text) {
        String body = text.strip();
        Matcher fence = FENCE.matcher(body);
        if (fence.find()) {
            body = fence.group(1).strip();
        } else if (!body.startsWith("{")) {
            int first = body.indexOf('{');
            int last = body.lastIndexOf('}');
            if (first < 0 || last < first) return new Parsed(null, "the answer holds no JSON object");
            body = body.substring(first, last + 1);
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) return new Parsed(null, "the answer is not a JSON object");
            return new Parsed(node, null);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            int newline = message.indexOf('\n');
            return new Parsed(null, "the answer is not valid JSON: " + (newline < 0 ? message : message.substring(0, newline))
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }
}
