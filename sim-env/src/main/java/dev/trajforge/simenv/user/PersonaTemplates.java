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
 * The scripted user's phrasing, per language and communication style, from {@code personas.json}: what it says
 * to open, answer, confirm, move on, finish or give up, and the cues of an agent's message it reacts
 * to (a confirmation question, "anything else"). The same in every domain; which words ask for which
 * fact is the domain's ({@link UserTopics}).
 */
final class PersonaTemplates {
    static final PromptResource RESOURCE = PromptResource.load(PersonaTemplates.class, "personas.json");
    private static final PersonaTemplates INSTANCE = parse(RESOURCE.text());

    /** language -> style -> situation -> phrasings */
    private final Map<String, Map<String, Map<String, List<String>>>> languages;
    private final Map<String, List<String>> cues;

    private record File(Map<String, Map<String, Map<String, List<String>>>> languages, Map<String, List<String>> cues) {
    }

    private PersonaTemplates(File file) {
        this.languages = file.languages();
        this.cues = file.cues();
    }

    static PersonaTemplates get() {
        return INSTANCE;
    }

    private static PersonaTemplates parse(String json) {
        try {
            File file = new ObjectMapper().readValue(json, new TypeReference<>() {
            });
            for (Map.Entry<String, Map<String, Map<String, List<String>>>> language : file.languages().entrySet()) {
                for (Style style : Style.values()) {
                    if (!language.getValue().containsKey(style.wireName())) {
                        throw new IllegalStateException("personas.json: no " + language.getKey() + " templates for style " + style.wireName());
                    }
                }
            }
            return new PersonaTemplates(file);
        } catch (IOException e) {
            throw new UncheckedIOException("personas.json is malformed", e);
        }
    }

    /** A random phrasing of {@code situation} for {@code style} in {@code language}, with {ask}/{Ask}/{info} filled in. */
    String say(Style style, String language, String situation, SplittableRandom rng, String ask, String info) {
        Map<String, Map<String, List<String>>> styles = languages.get(language);
        if (styles == null) throw new IllegalStateException("personas.json: no phrasings in language " + language);
        List<String> options = styles.get(style.wireName()).get(situation);
        if (options == null || options.isEmpty()) throw new IllegalStateException("personas.json: no '" + situation + "' for " + style.wireName() + " in " + language);
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
