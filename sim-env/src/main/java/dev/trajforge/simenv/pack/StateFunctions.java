package dev.trajforge.simenv.pack;

import com.dashjoin.jsonata.Jsonata;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The functions a pack's expressions call to read a state ({@code $get}, {@code $all}), the world's
 * fixed clock ({@code $now}, {@code $millis}) and new ids ({@code $nextId}); JSONata's own
 * {@code $random}, {@code $now} and {@code $millis} are shadowed so no expression is ever
 * non-deterministic. Declared without JSONata signatures (whose per-call check costs more than the
 * call itself): each function checks its own arguments and names itself when they are wrong.
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
        functions.put("get", Jsonata.function("get", (Jsonata.Fn2<Object, Object, Object>) (collection, key) ->
                key == null ? null : state.get(text("get", 1, collection), key("get", 2, key)), null));
        functions.put("all", Jsonata.function("all", (Jsonata.Fn1<Object, Object>) collection -> state.all(text("all", 1, collection)), null));
        functions.put("where", Jsonata.function("where", (Jsonata.Fn3<Object, Object, Object, Object>) (collection, fields, value) ->
                where(state, text("where", 1, collection), fields(list("where", 2, fields)), value), null));
        String now = clock.toString();
        long millis = clock.toEpochMilli();
        functions.put("now", Jsonata.function("now", (Jsonata.Fn0<String>) () -> now, null));
        functions.put("millis", Jsonata.function("millis", (Jsonata.Fn0<Long>) () -> millis, null));
        functions.put("nextId", Jsonata.function("nextId", (Jsonata.Fn1<Object, String>) collection -> {
            if (nextId == null) throw new PackEvaluationException("$nextId() is only available to tools");
            return nextId.apply(text("nextId", 1, collection));
        }, null));
        functions.put("random", Jsonata.function("random", (Jsonata.Fn0<Double>) () -> {
            if (random == null) throw new PackEvaluationException("$random() is only available while the seed data is generated or tasks are drawn");
            return random.getAsDouble();
        }, null));
        return functions;
    }

    /**
     * {@code $where(collection, field or [fields], value or [values])}: the entities, in key order, where one of the fields
     * equals one of the values or is a list holding one; {@code $all(c)[f = v or v in g]} without evaluating a JSONata
     * predicate per entity.
     */
    private static List<Object> where(StateReader state, String collection, List<String> fields, Object value) {
        java.util.Set<Object> wanted = new java.util.HashSet<>();
        for (Object one : list("where", 3, value)) if (PackValues.normalized(one) != null) wanted.add(PackValues.normalized(one));
        return wanted.isEmpty() ? new java.util.ArrayList<>() : state.where(collection, fields, wanted);
    }

    private static List<String> fields(List<Object> names) {
        if (names.isEmpty()) throw new PackEvaluationException("$where(): argument 2 must name a field or a list of fields, got nothing");
        List<String> fields = new java.util.ArrayList<>();
        for (Object name : names) fields.add(text("where", 2, name));
        return fields;
    }

    static String text(String function, int position, Object value) {
        if (value instanceof String text) return text;
        throw new PackEvaluationException("$" + function + "(): argument " + position + " must be a string, got " + describe(value));
    }

    /** An entity's key: a string, or an integral number (a collection keyed by integers) as its decimal text. */
    static String key(String function, int position, Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue()) && !Double.isInfinite(number.doubleValue())) {
            return number instanceof Double || number instanceof Float ? Long.toString(number.longValue()) : number.toString();
        }
        return text(function, position, value);
    }

    static Number number(String function, int position, Object value) {
        if (value instanceof Number number) return number;
        throw new PackEvaluationException("$" + function + "(): argument " + position + " must be a number, got " + describe(value));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(String function, int position, Object value) {
        if (value == null) return List.of();
        if (value instanceof List<?> list) return (List<Object>) list;
        return List.of(value); // JSONata's singleton sequences
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName() + " " + PackValues.text(value);
    }
}
