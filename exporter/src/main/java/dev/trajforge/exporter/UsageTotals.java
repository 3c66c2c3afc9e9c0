package dev.trajforge.exporter;

import dev.trajforge.simenv.Usage;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Model usage of a whole run per role ({@code agent}, {@code user}, and e.g. {@code judge}), as the
 * manifest reports it. {@code agent} and {@code user} are always present (zero when absent).
 */
public record UsageTotals(Map<String, RoleUsage> roles) {
    public static final String AGENT = "agent";
    public static final String USER = "user";

    /** One role's calls and tokens ({@code promptTokens} all input, {@code cachedPromptTokens} of them from a prompt cache) and cost. */
    public record RoleUsage(long calls, long promptTokens, long completionTokens, double costUsd, long cachedPromptTokens) {
        public static final RoleUsage NONE = new RoleUsage(0, 0, 0, 0.0, 0);

        public RoleUsage(long calls, long promptTokens, long completionTokens, double costUsd) {
            this(calls, promptTokens, completionTokens, costUsd, 0);
        }

        public RoleUsage {
            if (calls < 0 || promptTokens < 0 || completionTokens < 0 || cachedPromptTokens < 0) {
                throw new IllegalArgumentException("usage counts must be >= 0");
            }
            if (!(costUsd >= 0.0) || Double.isInfinite(costUsd)) {
                throw new IllegalArgumentException("costUsd must be finite and >= 0, got " + costUsd);
            }
        }

        public static RoleUsage of(Usage usage, double costUsd) {
            return new RoleUsage(usage.calls(), usage.promptTokens(), usage.completionTokens(), costUsd, usage.cachedPromptTokens());
        }

        public RoleUsage plus(RoleUsage other) {
            return new RoleUsage(calls + other.calls, promptTokens + other.promptTokens,
                    completionTokens + other.completionTokens, costUsd + other.costUsd, cachedPromptTokens + other.cachedPromptTokens);
        }
    }

    public UsageTotals {
        Objects.requireNonNull(roles, "roles");
        TreeMap<String, RoleUsage> sorted = new TreeMap<>();
        roles.forEach((role, usage) -> {
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("usage role is blank");
            }
            sorted.put(role, Objects.requireNonNull(usage, "usage of role " + role));
        });
        sorted.putIfAbsent(AGENT, RoleUsage.NONE);
        sorted.putIfAbsent(USER, RoleUsage.NONE);
        roles = Collections.unmodifiableSortedMap(sorted);
    }

    public static UsageTotals none() {
        return new UsageTotals(Map.of());
    }

    public static UsageTotals of(RoleUsage agent, RoleUsage user) {
        return new UsageTotals(Map.of(AGENT, agent, USER, user));
    }

    /** A copy with {@code usage} added to {@code role}. */
    public UsageTotals plus(String role, RoleUsage usage) {
        TreeMap<String, RoleUsage> copy = new TreeMap<>(roles);
        copy.merge(role, usage, RoleUsage::plus);
        return new UsageTotals(copy);
    }

    public RoleUsage role(String role) {
        return roles.getOrDefault(role, RoleUsage.NONE);
    }
}
