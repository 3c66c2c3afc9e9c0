package dev.trajforge.collector.run;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * pass@k (at least one of k sampled trials succeeds) and pass^k (all k succeed), estimated without
 * bias from n trials with c successes per task: 1 - C(n-c, k)/C(n, k) and C(c, k)/C(n, k), averaged over
 * the tasks of each group that have at least k judged trials.
 */
final class PassAtK {
    private PassAtK() {
    }

    static Map<String, Object> of(Map<String, long[]> trialsByTask, Map<String, List<String>> groupsByTask, int maxK) {
        Map<String, Object> result = new TreeMap<>();
        Map<String, Map<String, double[]>> sums = new TreeMap<>(); // group -> "k" -> {pass@k sum, pass^k sum, tasks}
        trialsByTask.forEach((task, counts) -> {
            long n = counts[0];
            long c = counts[1];
            for (String group : groupsByTask.get(task)) {
                for (int k = 1; k <= Math.min(maxK, n); k++) {
                    double[] sum = sums.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(Integer.toString(k), x -> new double[3]);
                    sum[0] += 1 - choose(n - c, k) / choose(n, k);
                    sum[1] += choose(c, k) / choose(n, k);
                    sum[2]++;
                }
            }
        });
        sums.forEach((group, byK) -> {
            Map<String, Object> values = new TreeMap<>();
            byK.forEach((k, sum) -> {
                values.put("pass@" + k, round(sum[0] / sum[2]));
                values.put("pass^" + k, round(sum[1] / sum[2]));
            });
            values.put("tasks", (long) byK.get("1")[2]);
            result.put(group, values);
        });
        return result;
    }

    static double choose(long n, int k) {
        if (k < 0 || n < k) return 0;
        double value = 1;
        for (int i = 0; i < k; i++) value = value * (n - i) / (i + 1);
        return value;
    }

    private static double round(double value) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.6f", value));
    }
}
