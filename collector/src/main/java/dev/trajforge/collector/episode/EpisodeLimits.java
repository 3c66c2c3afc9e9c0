package dev.trajforge.collector.episode;

/** When an episode is cut short: after {@code maxTurns} agent turns or more than {@code maxToolErrors} tool errors. */
public record EpisodeLimits(int maxTurns, int maxToolErrors) {
    public EpisodeLimits {
        if (maxTurns < 1) throw new IllegalArgumentException("maxTurns must be >= 1, got " + maxTurns);
        if (maxToolErrors < 0) throw new IllegalArgumentException("maxToolErrors must be >= 0, got " + maxToolErrors);
    }
}
