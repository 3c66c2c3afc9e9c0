package dev.trajforge.collector.limit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limiters of one run, one per endpoint: roles whose model specs name the same base URL and
 * model share one {@link EndpointLimiter}, under the strictest limits any of them configured.
 */
public final class EndpointLimiters {
    private final LimiterClock clock;
    private final Map<String, EndpointLimiter> limiters = new ConcurrentHashMap<>();

    public EndpointLimiters(LimiterClock clock) {
        this.clock = clock;
    }

    public EndpointLimiters() {
        this(LimiterClock.SYSTEM);
    }

    /** The limiter of {@code model} at {@code baseUrl}, created on first use, tightened to {@code limits}. */
    public EndpointLimiter forEndpoint(String baseUrl, String model, RateLimits limits) {
        String key = key(baseUrl, model);
        EndpointLimiter limiter = limiters.computeIfAbsent(key, k -> new EndpointLimiter(k, limits, clock));
        limiter.tighten(limits);
        return limiter;
    }

    /** Per endpoint ({@code model@baseUrl}, sorted): {@link EndpointLimiter#stats()}. */
    public Map<String, LimiterStats> stats() {
        Map<String, LimiterStats> stats = new TreeMap<>();
        limiters.forEach((key, limiter) -> stats.put(key, limiter.stats()));
        return stats;
    }

    /** Per endpoint ({@code model@baseUrl}, sorted): {@link EndpointLimiter#metrics()}. */
    public Map<String, Map<String, Object>> metrics() {
        Map<String, Map<String, Object>> metrics = new TreeMap<>();
        limiters.forEach((key, limiter) -> metrics.put(key, limiter.metrics()));
        return metrics;
    }

    /**
     * {@code model@baseUrl} with the base URL normalized: scheme and host in lower case, the
     * scheme's default port and trailing slashes dropped. {@code http://Host:80/v1/} and
     * {@code http://host/v1} are one endpoint.
     */
    static String key(String baseUrl, String model) {
        return model + "@" + normalize(baseUrl);
    }

    static String normalize(String baseUrl) {
        if (baseUrl == null) return "";
        try {
            URI uri = new URI(baseUrl.strip());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            if (scheme == null || host == null) return baseUrl.strip();
            int port = uri.getPort();
            if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) port = -1;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return scheme + "://" + host + (port < 0 ? "" : ":" + port) + path;
        } catch (URISyntaxException e) {
            return baseUrl.strip();
        }
    }
}
