package dev.trajforge.simenv.user;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.Style;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The scripted user's phrasing, per communication style, from {@code personas.json}: what it says
 * to open, answer, confirm, move on, finish or give up, and the cues of an agent's message it reacts
 * to (a confirmation question, "anything else"). The same in every domain; which words ask for which
 * fact is the domain's ({@link UserTopics}).
 */
final class PersonaTemplates {
    static final PromptResource RESOURCE = PromptResource.load(PersonaTemplates.class, "personas.json");
    private static final PersonaTemplates INSTANCE = parse(RESOURCE.text());

    private final Map<String, Map<String, List<String>>> styles;
    private final Map<String, List<String>> cues;

    private record File(Map<String, Map<String, List<String>>> styles, Map<String, List<String>> cues) {
    }

    private PersonaTemplates(File file) {
        this.styles = file.styles();
        this.cues = file.cues();
    }

    static PersonaTemplates get() {
        return INSTANCE;
    }

    private static PersonaTemplates parse(String json) {
        try {
            File file = new ObjectMapper().readValue(json, new TypeReference<>() {
            });
            for (Style style : Style.values()) {
                if (!file.styles().containsKey(style.wireName())) throw new IllegalStateException("personas.json: no templates for style " + style.wireName());
            }
            return new PersonaTemplates(file);
        } catch (IOException e) {
            throw new UncheckedIOException("personas.json is malformed", e);
        }
    }

    /** A random phrasing of {@code situation} for {@code style}, with {ask}/{Ask}/{info} filled in. */
    String say(Style style, String situation, SplittableRandom rng, String ask, String info) {
        List<String> options = styles.get(style.wireName()).get(situation);
        if (options == null || options.isEmpty()) throw new IllegalStateException("personas.json: no '" + situation + "' for " + style.wireName());
        String template = options.get(rng.nextInt(options.size()));
        String capitalized = ask.isEmpty() ? ask : Character.toUpperCase(ask.charAt(0)) + ask.substring(1);
        return template.replace("{Ask}", capitalized).replace("{ask}", ask).replace("{info}", info);
    }

    boolean cue(String agentText, String cue) {
        return containsAny(agentText, cues.get(cue));
    }

    private static boolean containsAny(String text, List<String> needles) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String needle : needles) if (lower.contains(needle)) return true;
        return false;
    }
}
