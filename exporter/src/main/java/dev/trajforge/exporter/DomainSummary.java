package dev.trajforge.exporter;

import java.util.Map;

/**
 * What an export holds of one domain: episodes and how they ended, distinct tasks, tool coverage (tools
 * the accepted trajectories called, of those the domain offered), episodes per persona, injected faults
 * by kind and accepted episodes that recovered from one; where the domain came from ({@code origin}: builtin, pack, mcp,
 * openapi, synthesized; null for imported sessions) and the model that answered its simulated tools (null for none).
 * {@code manifest.json}'s {@code metrics.by_domain}.
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DomainSummary(long episodes, long accepted, Map<String, Long> rejected, long infraFailed, long distinctTasks, int toolsOffered,
                            int toolsUsed, double toolCoverage, Map<String, Long> personas, Map<String, Long> faults, long acceptedWithFaults,
                            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String origin,
                            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String toolSimulator) {
    public DomainSummary {
        rejected = Map.copyOf(rejected);
        personas = Map.copyOf(personas);
        faults = Map.copyOf(faults);
        if (accepted > episodes) throw new IllegalArgumentException("accepted " + accepted + " > episodes " + episodes);
    }

    /** Accepted episodes as a share of all. */
    public double acceptance() {
        return episodes == 0 ? 0.0 : (double) accepted / episodes;
    }
}
