package dev.trajforge.simenv.pack;

import com.dashjoin.jsonata.Jsonata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The seeded helpers a pack's generator and task templates call: {@code $random()},
 * {@code $int(lo, hi)}, {@code $pick(list)}, {@code $sample(list, n)}, {@code $weighted({value: weight})},
 * {@code $shuffle(list)}. They draw from the generator set with {@link #seed}; the functions are made
 * once and reused (one instance per thread of work, never shared between threads).
 */
final class SeedFunctions {
    private SplittableRandom rng;
    private final Map<String, Object> functions = new HashMap<>();

    SeedFunctions() {
        functions.put("random", Jsonata.function("random", (Jsonata.Fn0<Double>) () -> rng.nextDouble(), null));
        functions.put("int", Jsonata.function("int", (Jsonata.Fn2<Object, Object, Long>) (lo, hi) -> {
            long low = StateFunctions.number("int", 1, lo).longValue();
            long high = StateFunctions.number("int", 2, hi).longValue();
            if (high < low) throw new PackEvaluationException("$int(" + low + ", " + high + "): the upper bound is below the lower");
            return low + rng.nextLong(high - low + 1);
        }, null));
        functions.put("pick", Jsonata.function("pick", (Jsonata.Fn1<Object, Object>) value -> {
            List<Object> list = StateFunctions.list("pick", 1, value);
            return list.isEmpty() ? null : list.get(rng.nextInt(list.size()));
        }, null));
        functions.put("sample", Jsonata.function("sample", (Jsonata.Fn2<Object, Object, List<Object>>) (value, n) -> {
            List<Object> pool = new ArrayList<>(StateFunctions.list("sample", 1, value));
            int count = Math.min(StateFunctions.number("sample", 2, n).intValue(), pool.size());
            List<Object> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) out.add(pool.remove(rng.nextInt(pool.size())));
            return out;
        }, null));
        functions.put("shuffle", Jsonata.function("shuffle", (Jsonata.Fn1<Object, List<Object>>) value -> {
            List<Object> copy = new ArrayList<>(StateFunctions.list("shuffle", 1, value));
            for (int i = copy.size() - 1; i > 0; i--) java.util.Collections.swap(copy, i, rng.nextInt(i + 1));
            return copy;
        }, null));
        functions.put("weighted", Jsonata.function("weighted", (Jsonata.Fn1<Object, String>) value -> {
            if (!(value instanceof Map<?, ?> weights) || weights.isEmpty()) {
                throw new PackEvaluationException("$weighted(): the argument must be an object of values to weights, got " + PackValues.text(value));
            }
            double total = 0;
            java.util.TreeMap<String, Double> sorted = new java.util.TreeMap<>();
            for (Map.Entry<?, ?> entry : weights.entrySet()) {
                double weight = StateFunctions.number("weighted", 1, entry.getValue()).doubleValue();
                sorted.put(String.valueOf(entry.getKey()), weight);
                total += weight;
            }
            if (!(total > 0)) throw new PackEvaluationException("$weighted(): the weights add up to " + total);
            double draw = rng.nextDouble() * total;
            String last = null;
            for (Map.Entry<String, Double> entry : sorted.entrySet()) {
                last = entry.getKey();
                draw -= entry.getValue();
                if (draw < 0) return entry.getKey();
            }
            return last;
        }, null));
    }

    /** Draws from {@code rng} from now on. */
    SeedFunctions seed(SplittableRandom rng) {
        this.rng = rng;
        return this;
    }

    void bindInto(Map<String, Object> variables) {
        variables.putAll(functions);
    }
}
