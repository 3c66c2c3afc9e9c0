package dev.trajforge.simenv.state;

import java.time.Instant;
import java.util.Objects;

/**
 * Simulated time, injected into an environment instead of the wall clock. A world is set at one
 * instant (derived from its seed) and an episode happens "at" that instant, so the same writes give
 * the same timestamps in an agent's episode and in the gold replay, whatever the order of reads.
 */
public record SimClock(Instant now) {
    public SimClock {
        Objects.requireNonNull(now, "now");
    }

    /** A reproducible instant in 2026 for a world seed. */
    public static SimClock forWorld(long seed) {
        long minutes = Math.floorMod(dev.trajforge.simenv.Seeds.derive(seed, "clock"), 365L * 24 * 60);
        return new SimClock(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(minutes * 60));
    }
}
