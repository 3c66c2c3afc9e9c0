package dev.trajforge.simenv.user;

import dev.trajforge.simenv.Persona;
import dev.trajforge.simenv.Style;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The persona catalog: every style in two languages, crossed with traits, drawn by weight. */
class PersonaCatalogTest {
    private static final PersonaCatalog CATALOG = PersonaCatalog.get();

    @Test
    void should_hold_every_style_in_english_and_spanish_with_varied_traits() {
        for (String language : new String[] {"en", "es"}) {
            for (Style style : Style.values()) {
                assertTrue(CATALOG.all().stream().anyMatch(p -> p.style() == style && p.language().equals(language)), style + " in " + language);
            }
        }
        assertEquals(3, CATALOG.all().stream().map(Persona::patience).distinct().count());
        assertEquals(2, CATALOG.all().stream().map(Persona::disclosure).distinct().count());
        assertEquals(3, CATALOG.all().stream().map(Persona::techLiteracy).distinct().count());
        assertEquals(2, CATALOG.all().stream().map(Persona::register).distinct().count());
        for (Style style : Style.TASK_DEFAULTS) assertEquals(Persona.ofStyle(style), CATALOG.byId(style.wireName()), "a task's own user is in the catalog");
    }

    @Test
    void should_draw_by_weight_with_a_star_for_every_persona_and_be_deterministic_per_seed() {
        PersonaCatalog.Sampler sampler = CATALOG.sampler(Map.of("*", 1.0, "anxious_es", 9.0, "terse", 0.0));
        Map<String, Integer> counts = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 26_000; i++) counts.merge(sampler.draw(random).id(), 1, Integer::sum);
        assertTrue(!counts.containsKey("terse"), "weight 0 is never drawn");
        assertEquals(CATALOG.all().size() - 1, counts.size(), "every other persona is drawn: " + counts.keySet());
        assertEquals(9_000.0, counts.get("anxious_es"), 600.0, "9 of 26 parts");
        assertEquals(sampler.draw(new SplittableRandom(42)), sampler.draw(new SplittableRandom(42)));
    }

    @Test
    void should_refuse_an_unknown_persona_and_all_weights_zero() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> CATALOG.sampler(Map.of("pirate", 1.0)));
        assertTrue(unknown.getMessage().startsWith("unknown persona 'pirate' (known: terse, verbose,"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CATALOG.sampler(Map.of("terse", 0.0)));
    }

    @Test
    void should_export_readable_traits() {
        assertEquals("{disclosure=volunteers, language=es, patience=low, register=formal, style=expert, tech_literacy=high}",
                CATALOG.byId("expert_es").traits().entrySet().stream().map(Object::toString).collect(Collectors.joining(", ", "{", "}")));
    }
}
