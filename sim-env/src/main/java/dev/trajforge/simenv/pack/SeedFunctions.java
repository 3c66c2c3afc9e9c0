package dev.trajforge.simenv.pack;

import com.dashjoin.jsonata.Jsonata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The seeded helpers a pack's generator calls while it builds the initial state: {@code $random()},
 * {@code $int(lo, hi)}, {@code $pick(list)}, {@code $sample(list, n)}, {@code $weighted({value: weight})},
 * {@code $shuffle(list)}. They draw from one generator the caller seeds per entity.
 */
final class SeedFunctions {
    private SeedFunctions() {
    }

    static void bindInto(Map<String, Object> variables, SplittableRandom rng) {
        variables.put("random", Jsonata.function("random", (Jsonata.Fn0<Double>) rng::nextDouble, "<:n>"));
        variables.put("int", Jsonata.function("int", (Jsonata.Fn2<Number, Number, Long>) (lo, hi) -> {
            long low = lo.longValue();
            long high = hi.longValue();
            if (high < low) throw new PackEvaluationException("$int(" + low + ", " + high + "): the upper bound is below the lower");
            return low + rng.nextLong(high - low + 1);
        }, "<nn:n>"));
        variables.put("pick", Jsonata.function("pick", (Jsonata.Fn1<List<Object>, Object>) list -> {
            if (list == null || list.isEmpty()) return null;
            return list.get(rng.nextInt(list.size()));
        }, "<a:x>"));
        variables.put("sample", Jsonata.function("sample", (Jsonata.Fn2<List<Object>, Number, List<Object>>) (list, n) -> {
            List<Object> pool = new ArrayList<>(list == null ? List.of() : list);
            int count = Math.min(n.intValue(), pool.size());
            List<Object> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) out.add(pool.remove(rng.nextInt(pool.size())));
            return out;
        }, "<an:a>"));
        variables.put("shuffle", Jsonata.function("shuffle", (Jsonata.Fn1<List<Object>, List<Object>>) list -> {
            List<Object> copy = new ArrayList<>(list == null ? List.of() : list);
            for (int i = copy.size() - 1; i > 0; i--) java.util.Collections.swap(copy, i, rng.nextInt(i + 1));
            return copy;
        }, "<a:a>"));
        variables.put("weighted", Jsonata.function("weighted", (Jsonata.Fn1<Map<String, Object>, String>) weights -> {
            double total = 0;
            for (Object w : weights.values()) total += ((Number) w).doubleValue();
            if (!(total > 0)) throw new PackEvaluationException("$weighted(): the weights add up to " + total);
            double draw = rng.nextDouble() * total;
            String last = null;
            for (Map.Entry<String, Object> entry : new java.util.TreeMap<>(weights).entrySet()) {
                last = entry.getKey();
                draw -= ((Number) entry.getValue()).doubleValue();
                if (draw < 0) return entry.getKey();
            }
            return last;
        }, "<o:s>"));
    }
}
