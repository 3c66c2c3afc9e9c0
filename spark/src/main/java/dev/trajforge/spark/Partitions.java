package dev.trajforge.spark;

import java.io.Serializable;

/**
 * How a run's episodes are split into Spark partitions: by task, so all trials of a task fall in one
 * partition (as pass@k needs), partition {@code p} holding tasks {@code [p * tasks / count, (p + 1) * tasks / count)}
 * and so episodes {@code [first(p), end(p))} (episode {@code e} is trial {@code e % trials} of task {@code e / trials}).
 * Never more partitions than tasks.
 */
record Partitions(int tasks, int trials, int count) implements Serializable {
    Partitions {
        if (tasks < 1 || trials < 1) {
            throw new IllegalArgumentException("a run has at least one task and one trial, got " + tasks + " x " + trials);
        }
        if (count < 1) throw new IllegalArgumentException("--partitions must be > 0, got " + count);
        count = Math.min(count, tasks);
    }

    long episodes() {
        return (long) tasks * trials;
    }

    /** The first episode of partition {@code p}. */
    long first(int p) {
        return (long) firstTask(p) * trials;
    }

    /** One past the last episode of partition {@code p}. */
    long end(int p) {
        return (long) firstTask(p + 1) * trials;
    }

    /** The partition that holds {@code episode}. */
    int of(long episode) {
        int task = (int) (episode / trials);
        int p = (int) ((long) task * count / tasks);
        while (firstTask(p) > task) p--;
        while (firstTask(p + 1) <= task) p++;
        return p;
    }

    private int firstTask(int p) {
        return (int) ((long) p * tasks / count);
    }
}
