package dev.trajforge.simenv;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Who the simulated user of an episode is: a communication {@link Style} crossed with traits, in a
 * language. The scripted user and the LLM user prompt both follow it; its {@link #id()} is the row's
 * {@code persona} and its {@link #traits()} are exported beside it.
 *
 * @param id           a readable id, such as {@code anxious_es} ({@code [a-z0-9_]+})
 * @param language     the user's language as an ISO 639-1 code ({@code en}, {@code es})
 * @param patience     how many turns without progress the user puts up with before giving up
 * @param disclosure   whether the user volunteers what they know about themselves or waits to be asked
 * @param techLiteracy how well the user follows technical questions (a low one sometimes asks again)
 * @param register     casual or formal wording, for the LLM user
 */
public record Persona(String id, Style style, String language, Patience patience, Disclosure disclosure, TechLiteracy techLiteracy,
                      Register register) {
    private static final Pattern ID = Pattern.compile("[a-z0-9_]+");
    private static final Map<String, String> LANGUAGES = Map.of("en", "English", "es", "Spanish");

    public enum Patience { LOW, MEDIUM, HIGH }

    public enum Disclosure { ASKED_ONLY, VOLUNTEERS }

    public enum TechLiteracy { LOW, MEDIUM, HIGH }

    public enum Register { CASUAL, FORMAL }

    public Persona {
        if (id == null || !ID.matcher(id).matches()) throw new IllegalArgumentException("persona id must match [a-z0-9_]+, got " + id);
        Objects.requireNonNull(style, "style");
        if (!LANGUAGES.containsKey(language)) throw new IllegalArgumentException("persona " + id + ": language must be one of " + LANGUAGES.keySet() + ", got " + language);
        Objects.requireNonNull(patience, "patience");
        Objects.requireNonNull(disclosure, "disclosure");
        Objects.requireNonNull(techLiteracy, "techLiteracy");
        Objects.requireNonNull(register, "register");
    }

    /** The user of a task's own style, as before personas had traits: English, medium patience, answering what is asked. */
    public static Persona ofStyle(Style style) {
        return new Persona(style.wireName(), style, "en", Patience.MEDIUM, Disclosure.ASKED_ONLY, TechLiteracy.MEDIUM, Register.CASUAL);
    }

    /** The traits as exported: {@code style}, {@code language}, {@code patience}, {@code disclosure}, {@code tech_literacy}, {@code register}. */
    public Map<String, String> traits() {
        Map<String, String> traits = new TreeMap<>();
        traits.put("style", style.wireName());
        traits.put("language", language);
        traits.put("patience", lower(patience));
        traits.put("disclosure", lower(disclosure));
        traits.put("tech_literacy", lower(techLiteracy));
        traits.put("register", lower(register));
        return traits;
    }

    /** How this user behaves, as a few sentences of an LLM user simulator's instructions. */
    public String describe() {
        return style.howTheyWrite()
                + " You write only in " + LANGUAGES.get(language) + ", even though the agent writes in English."
                + switch (patience) {
                    case LOW -> " You have little patience: if the agent goes in circles for two turns, you give up.";
                    case MEDIUM -> " You give the agent a fair chance but leave if nothing moves for a few turns.";
                    case HIGH -> " You are very patient and give the agent many chances.";
                }
                + switch (disclosure) {
                    case ASKED_ONLY -> " You give a piece of information about yourself only when the agent asks for it.";
                    case VOLUNTEERS -> " You volunteer your identifying details in your first message.";
                }
                + switch (techLiteracy) {
                    case LOW -> " You are not technical and sometimes ask the agent to rephrase.";
                    case MEDIUM -> "";
                    case HIGH -> " You are technical and precise.";
                }
                + (register == Register.FORMAL ? " Your register is formal." : " Your register is casual.");
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
