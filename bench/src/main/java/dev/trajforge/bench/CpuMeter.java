package dev.trajforge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used over an interval by this JVM and by the rest of the machine (Linux {@code /proc/stat}), so
 * a result says whether something else competed for the cores while it was measured.
 */
final class CpuMeter {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
    private final long startNanos = System.nanoTime();
    private final long startProcess = processCpuNanos();
    private final long[] startMachine = machineTicks();

    /** CPU-seconds this JVM used since the meter started. */
    double processCpuSeconds() {
        return (processCpuNanos() - startProcess) / 1e9;
    }

    /** Share of the machine's cores busy with other processes since the meter started, in percent; NaN where unknown. */
    double othersPercent() {
        long[] now = machineTicks();
        if (now == null || startMachine == null) return Double.NaN;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double busy = (now[0] - startMachine[0]) / TICKS_PER_SECOND;
        double others = Math.max(0, busy - processCpuSeconds());
        return 100 * others / (elapsed * Runtime.getRuntime().availableProcessors());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** {busy ticks} of all cores: user + nice + system + irq + softirq + steal; null off Linux. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i : new int[]{1, 2, 3, 6, 7, 8}) busy += Long.parseLong(f[i]);
            return new long[]{busy};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
