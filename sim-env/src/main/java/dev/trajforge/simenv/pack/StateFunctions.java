package dev.trajforge.simenv.pack;

import com.dashjoin.jsonata.Jsonata;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The functions a pack's expressions call to read a state ({@code $get}, {@code $all}), the world's
 * fixed clock ({@code $now}, {@code $millis}) and new ids ({@code $nextId}); JSONata's own
 * {@code $random}, {@code $now} and {@code $millis} are shadowed so no expression is ever
 * non-deterministic.
 */
final class StateFunctions {
    private StateFunctions() {
    }

    /**
     * @param nextId new ids by collection (null where the state cannot make entities, e.g. while tasks are drawn)
     * @param random the seeded source of {@code $random()}, or null where randomness is not allowed
     */
    static Map<String, Object> bindings(StateReader state, Instant clock, Function<String, String> nextId, java.util.function.DoubleSupplier random) {
        Map<String, Object> functions = new HashMap<>();
        functions.put("get", Jsonata.function("get", (Jsonata.Fn2<String, String, Object>) state::get, "<ss:x>"));
        functions.put("all", Jsonata.function("all", (Jsonata.Fn1<String, Object>) state::all, "<s:a>"));
        String now = clock.toString();
        long millis = clock.toEpochMilli();
        functions.put("now", Jsonata.function("now", (Jsonata.Fn0<String>) () -> now, "<:s>"));
        functions.put("millis", Jsonata.function("millis", (Jsonata.Fn0<Long>) () -> millis, "<:n>"));
        functions.put("nextId", Jsonata.function("nextId", (Jsonata.Fn1<String, String>) collection -> {
            if (nextId == null) throw new PackEvaluationException("$nextId() is only available to tools");
            return nextId.apply(collection);
        }, "<s:s>"));
        functions.put("random", Jsonata.function("random", (Jsonata.Fn0<Double>) () -> {
            if (random == null) throw new PackEvaluationException("$random() is only available while the seed data is generated");
            return random.getAsDouble();
        }, "<:n>"));
        return functions;
    }
}
