package dev.trajforge.simenv.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The kind of slip an agent makes with an argument: a mistyped digit or letter in one value. */
final class WrongArguments {
    private WrongArguments() {
    }

    /** One argument of the call mistyped; never one the domain's phrases call exact (identifiers just looked up). */
    static String spoil(String argumentsJson, AgentPhrases phrases, SplittableRandom rng) {
        ObjectNode arguments = CanonicalJson.parseObjectOrNull(argumentsJson);
        List<String> candidates = new ArrayList<>();
        arguments.fieldNames().forEachRemaining(name -> {
            JsonNode value = arguments.get(name);
            boolean spoilable = (value.isTextual() && value.asText().length() >= 2) || (value.isArray() && !value.isEmpty());
            if (spoilable && !phrases.exact(name)) candidates.add(name);
        });
        if (candidates.isEmpty()) return argumentsJson;
        String name = candidates.get(rng.nextInt(candidates.size()));
        JsonNode value = arguments.get(name);
        if (value.isArray()) {
            ArrayNode array = (ArrayNode) value;
            int index = rng.nextInt(array.size());
            array.set(index, array.get(index).isTextual() ? CanonicalJson.mapper().getNodeFactory().textNode(slip(array.get(index).asText())) : array.get(index));
        } else {
            arguments.put(name, slip(value.asText()));
        }
        return CanonicalJson.write(arguments);
    }

    /** Changes the last digit, or swaps two letters in the middle. */
    static String slip(String text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) return text.substring(0, i) + (char) ('0' + (c - '0' + 1) % 10) + text.substring(i + 1);
        }
        int middle = text.length() / 2;
        char[] chars = text.toCharArray();
        char swap = chars[middle - 1];
        chars[middle - 1] = chars[middle];
        chars[middle] = swap;
        String swapped = new String(chars);
        return swapped.equals(text) ? text + "x" : swapped;
    }
}
