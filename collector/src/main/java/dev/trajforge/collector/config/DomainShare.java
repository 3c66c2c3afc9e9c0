package dev.trajforge.collector.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One domain of a run that mixes several ({@code domains:} in a run config): its name, its weight in
 * the split of the run's {@code tasks}, or a task count of its own.
 *
 * @param name   a domain the run can see (class path or {@code domainPaths})
 * @param weight share of the tasks not given to a domain by count (default 1)
 * @param tasks  this domain's task count, or null to take a share by weight
 */
public record DomainShare(String name, Double weight, Integer tasks) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public DomainShare {
        if (name == null || !NAME.matcher(name).matches()) throw new IllegalArgumentException("name: must be a domain name such as retail, got " + name);
        weight = weight == null ? 1.0 : weight;
        if (!(weight > 0)) throw new IllegalArgumentException("weight: must be > 0, got " + weight);
        if (tasks != null && tasks <= 0) throw new IllegalArgumentException("tasks: must be > 0, got " + tasks);
    }

    /** Names unique; the counts given by domain leave at least one task for each domain that takes a share by weight. */
    static void requireValid(List<DomainShare> shares, int tasks) {
        Set<String> names = new HashSet<>();
        int counted = 0;
        int weighted = 0;
        for (int i = 0; i < shares.size(); i++) {
            DomainShare share = shares.get(i);
            if (!names.add(share.name())) throw new IllegalArgumentException("domains[" + i + "].name: " + share.name() + " is named twice");
            if (share.tasks() != null) counted += share.tasks();
            else weighted++;
        }
        if (shares.isEmpty()) return;
        if (counted > tasks || (weighted > 0 && tasks - counted < weighted)) {
            throw new IllegalArgumentException("tasks: " + tasks + " tasks cannot cover " + counted + " given by domain"
                    + (weighted > 0 ? " and at least one for each of the " + weighted + " domains shared by weight" : ""));
        }
    }

    /**
     * The task count of each share, in order: counts given by domain first, the rest of {@code total} split by
     * weight (largest remainder, ties to the earlier domain, at least one each).
     */
    public static List<Integer> allocate(List<DomainShare> shares, int total) {
        int[] counts = new int[shares.size()];
        int left = total;
        double weights = 0;
        for (int i = 0; i < shares.size(); i++) {
            if (shares.get(i).tasks() != null) {
                counts[i] = shares.get(i).tasks();
                left -= counts[i];
            } else {
                weights += shares.get(i).weight();
            }
        }
        List<double[]> remainders = new ArrayList<>();
        int given = 0;
        for (int i = 0; i < shares.size(); i++) {
            if (shares.get(i).tasks() != null) continue;
            double exact = left * shares.get(i).weight() / weights;
            counts[i] = Math.max(1, (int) Math.floor(exact));
            given += counts[i];
            remainders.add(new double[] {exact - Math.floor(exact), i});
        }
        remainders.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
        for (int k = 0; given < left && k < remainders.size(); k++, given++) counts[(int) remainders.get(k)[1]]++;
        List<Integer> out = new ArrayList<>();
        for (int count : counts) out.add(count);
        return out;
    }

    /**
     * The order in which the domains' tasks take turns in the run: share {@code i}'s k-th task comes at
     * (k + 1/2) / count_i of the way through (ties to the earlier share), so every stretch of the run, and a run
     * a budget stops early, holds the domains in proportion. Entries are share indexes.
     */
    public static List<Integer> interleave(List<Integer> counts) {
        record Slot(double at, int share) {
        }
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            for (int k = 0; k < counts.get(i); k++) slots.add(new Slot((k + 0.5) / counts.get(i), i));
        }
        slots.sort((a, b) -> a.at() != b.at() ? Double.compare(a.at(), b.at()) : Integer.compare(a.share(), b.share()));
        return slots.stream().map(Slot::share).toList();
    }
}
