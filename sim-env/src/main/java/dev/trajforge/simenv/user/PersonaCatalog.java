package dev.trajforge.simenv.user;

import dev.trajforge.simenv.Persona;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.Style;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The personas a run can draw its users from ({@code persona-catalog.yaml}): at least eight styles,
 * each crossed with traits, in English and Spanish. {@link #sampler} turns a run's weights into a
 * seeded draw per episode. Its SHA-256 travels with the data as part of the user simulator's prompt hash.
 */
public final class PersonaCatalog {
    public static final PromptResource RESOURCE = PromptResource.load(PersonaCatalog.class, "persona-catalog.yaml");
    private static final PersonaCatalog INSTANCE = parse(RESOURCE.text());

    /** The key of a run's persona weights that weighs every persona of the catalog at once. */
    public static final String EVERY = "*";

    private final Map<String, Persona> byId;

    private PersonaCatalog(Map<String, Persona> byId) {
        this.byId = byId;
    }

    public static PersonaCatalog get() {
        return INSTANCE;
    }

    /** Every persona, in catalog order. */
    public List<Persona> all() {
        return List.copyOf(byId.values());
    }

    /** The persona of {@code id}, if the catalog has it (an imported session's persona is not a catalog's). */
    public java.util.Optional<Persona> find(String id) {
        return java.util.Optional.ofNullable(byId.get(id));
    }

    /** The persona of {@code id}; an unknown id is an {@link IllegalArgumentException} naming the known ones. */
    public Persona byId(String id) {
        Persona persona = byId.get(id);
        if (persona == null) throw new IllegalArgumentException("unknown persona '" + id + "' (known: " + String.join(", ", byId.keySet()) + ")");
        return persona;
    }

    /**
     * A draw by {@code weights} (persona id to weight; {@value #EVERY} weighs every persona not named); each
     * episode draws with its own seeded random, so the draw does not depend on scheduling.
     */
    public Sampler sampler(Map<String, Double> weights) {
        Map<String, Double> effective = new LinkedHashMap<>();
        Double every = weights.get(EVERY);
        for (Persona persona : byId.values()) {
            Double weight = weights.containsKey(persona.id()) ? weights.get(persona.id()) : every;
            if (weight != null && weight > 0) effective.put(persona.id(), weight);
        }
        for (String id : weights.keySet()) if (!id.equals(EVERY)) byId(id);
        if (effective.isEmpty()) throw new IllegalArgumentException("personas: every weight is 0; name at least one persona with a weight > 0");
        return new Sampler(effective);
    }

    /** A weighted draw over personas. */
    public final class Sampler {
        private final List<Persona> personas = new ArrayList<>();
        private final double[] cumulative;

        private Sampler(Map<String, Double> weights) {
            cumulative = new double[weights.size()];
            double sum = 0;
            int i = 0;
            for (Map.Entry<String, Double> entry : weights.entrySet()) {
                personas.add(byId.get(entry.getKey()));
                sum += entry.getValue();
                cumulative[i++] = sum;
            }
        }

        public Persona draw(SplittableRandom random) {
            double at = random.nextDouble() * cumulative[cumulative.length - 1];
            for (int i = 0; i < cumulative.length; i++) if (at < cumulative[i]) return personas.get(i);
            return personas.getLast();
        }
    }

    @SuppressWarnings("unchecked")
    private static PersonaCatalog parse(String yaml) {
        Map<String, Object> root = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, Persona> byId = new LinkedHashMap<>();
        for (Object entry : (List<Object>) root.get("personas")) {
            Map<String, Object> p = (Map<String, Object>) entry;
            Persona persona = new Persona((String) p.get("id"), Style.fromWire((String) p.get("style")), (String) p.get("language"),
                    Persona.Patience.valueOf(upper(p.get("patience"))), Persona.Disclosure.valueOf(upper(p.get("disclosure"))),
                    Persona.TechLiteracy.valueOf(upper(p.get("tech_literacy"))), Persona.Register.valueOf(upper(p.get("register"))));
            if (byId.put(persona.id(), persona) != null) throw new IllegalStateException("persona-catalog.yaml: persona " + persona.id() + " twice");
        }
        for (Style style : Style.values()) {
            if (byId.values().stream().noneMatch(p -> p.style() == style)) throw new IllegalStateException("persona-catalog.yaml: no persona of style " + style.wireName());
        }
        return new PersonaCatalog(byId);
    }

    private static String upper(Object value) {
        return String.valueOf(value).toUpperCase(Locale.ROOT);
    }

    /** How many personas of each style and language the catalog holds, for docs and checks. */
    public Map<String, Long> countByLanguage() {
        Map<String, Long> counts = new TreeMap<>();
        byId.values().forEach(p -> counts.merge(p.language(), 1L, Long::sum));
        return counts;
    }
}
