package dev.trajforge.simenv.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scripted roles' phrase files of a drafted pack, derived from its tools: the agent asks for every argument
 * it has not seen by the argument's name (one question naming all of them), and the scripted user answers a
 * detail whose topic is an argument's name when the question names it ({@code user-topics.json} lists, per
 * argument, its name as written and in words: {@code petId} is asked for as "petid" or "pet id").
 */
final class PhraseFiles {
    private PhraseFiles() {
    }

    static Map<String, Object> agentPhrases(PackDraft draft) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topics", Map.of());
        out.put("exact_arguments", List.copyOf(new java.util.TreeSet<>(draft.exactArguments())));
        out.put("ask", Map.of("generic", List.of(
                "To do that I need the following from you: {slots}. Could you give me those?",
                "Happy to help. Could you please give me the following: {slots}?")));
        out.put("confirm", Map.of("default", "To confirm: I will run {tool} with {arguments}. Shall I proceed? (yes/no)"));
        Map<String, String> done = new TreeMap<>();
        for (DraftIntent intent : draft.intents()) {
            if (intent.done() != null) done.put(intent.name(), intent.done());
            else done.put(intent.name() + "/0", "That is done: {tool} went through.");
        }
        done.put("default", "Done. Here is what you asked for: {facts}.");
        out.put("done", done);
        out.put("anything_else", List.of("Is there anything else I can help you with?", "Is there anything else I can do for you today?"));
        out.put("declined", "Understood, I won't make that change.");
        out.put("handoff_summary", "The user needs help with a request I could not complete.");
        return out;
    }

    static Map<String, Object> userTopics(PackDraft draft) {
        Set<String> topics = new LinkedHashSet<>();
        for (DraftTool tool : draft.tools()) tool.parameters().path("properties").fieldNames().forEachRemaining(topics::add);
        topics.addAll(draft.setup().known().keySet());
        for (DraftIntent intent : draft.intents()) topics.addAll(intent.details().keySet());
        Map<String, List<String>> words = new TreeMap<>();
        for (String topic : topics) words.put(topic, wordsFor(topic));
        return Map.of("topics", words);
    }

    /** How an agent's question names an argument: as written and in words ({@code petId}: "petid", "pet id"). */
    static List<String> wordsFor(String argument) {
        List<String> words = new ArrayList<>();
        words.add(argument.toLowerCase(Locale.ROOT));
        String spaced = argument.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_\\-.]+", " ").strip().toLowerCase(Locale.ROOT);
        if (!spaced.isEmpty() && !words.contains(spaced)) words.add(spaced);
        return words;
    }
}
