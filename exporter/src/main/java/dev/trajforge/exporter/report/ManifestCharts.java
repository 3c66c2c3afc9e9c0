package dev.trajforge.exporter.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report's charts of what {@code manifest.json} says: acceptance by reason and by domain, episodes over time and
 * throughput ({@code metrics.timeline}, when the run that ran the episodes wrote the export), latency percentiles per
 * role ({@code metrics.model_calls}) and rate-limit waits per endpoint ({@code metrics.rate_limits}). The same numbers as
 * the manifest, never recomputed.
 */
final class ManifestCharts {
    private final JsonNode manifest;

    ManifestCharts(JsonNode manifest) {
        this.manifest = manifest;
    }

    /** Rejected episodes by their first reason, most first, after the accepted and infra-failed ones. */
    Chart outcomes() {
        List<String> labels = new ArrayList<>(List.of("accepted"));
        List<Number> values = new ArrayList<>(List.of(manifest.path("accepted").asLong()));
        List<Map.Entry<String, JsonNode>> reasons = new ArrayList<>(manifest.path("rejected").properties());
        reasons.sort((a, b) -> a.getValue().asLong() != b.getValue().asLong() ? Long.compare(b.getValue().asLong(), a.getValue().asLong())
                : a.getKey().compareTo(b.getKey()));
        for (Map.Entry<String, JsonNode> reason : reasons) {
            labels.add("rejected: " + reason.getKey());
            values.add(reason.getValue().asLong());
        }
        labels.add("infra failed");
        values.add(manifest.path("infra_failed").asLong());
        return new Chart("outcomes", "bar", "Episodes by outcome and reject reason", "outcome", "episodes", labels,
                List.of(new Chart.Series("episodes", values)), false);
    }

    /** Per domain: accepted, rejected by each reason and infra failed, stacked ({@code metrics.by_domain}). */
    Chart domains() {
        JsonNode byDomain = manifest.path("metrics").path("by_domain");
        List<String> domains = new ArrayList<>();
        byDomain.fieldNames().forEachRemaining(domains::add);
        TreeSet<String> reasons = new TreeSet<>();
        byDomain.forEach(d -> d.path("rejected").fieldNames().forEachRemaining(reasons::add));
        List<Chart.Series> series = new ArrayList<>();
        series.add(new Chart.Series("accepted", domains.stream().map(d -> (Number) byDomain.path(d).path("accepted").asLong()).toList()));
        for (String reason : reasons) {
            series.add(new Chart.Series("rejected: " + reason, domains.stream().map(d -> (Number) byDomain.path(d).path("rejected").path(reason).asLong()).toList()));
        }
        series.add(new Chart.Series("infra failed", domains.stream().map(d -> (Number) byDomain.path(d).path("infra_failed").asLong()).toList()));
        return new Chart("domains", "bar", "Acceptance by domain", "domain", "episodes", domains, series, true);
    }

    /** Episodes finished per interval of the run, by the judge's verdict (before dedup); empty without {@code metrics.timeline}. */
    Chart episodesOverTime() {
        JsonNode timeline = manifest.path("metrics").path("timeline");
        List<String> labels = timeLabels(timeline);
        List<Chart.Series> series = new ArrayList<>();
        for (String outcome : List.of("accepted", "rejected", "infra_failed")) {
            series.add(new Chart.Series(outcome.replace('_', ' '), numbers(timeline.path("finished").path(outcome), labels.size())));
        }
        return new Chart("episodes-over-time", "bar", "Episodes finished over time", "seconds since the episodes started", "episodes",
                labels, labels.isEmpty() ? List.of() : series, true);
    }

    /** Episodes finished per second in each interval. */
    Chart throughput() {
        JsonNode timeline = manifest.path("metrics").path("timeline");
        List<String> labels = timeLabels(timeline);
        double seconds = timeline.path("bucket_seconds").asDouble(1);
        List<Number> rates = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            long finished = 0;
            for (JsonNode outcome : timeline.path("finished")) finished += outcome.path(i).asLong();
            rates.add(Double.parseDouble(String.format(Locale.ROOT, "%.2f", finished / seconds)));
        }
        return new Chart("throughput", "line", "Throughput", "seconds since the episodes started", "episodes per second", labels,
                labels.isEmpty() ? List.of() : List.of(new Chart.Series("episodes/s", rates)), false);
    }

    /** p50, p90 and p99 latency per model role ({@code metrics.model_calls}; none for scripted roles). */
    Chart latency() {
        JsonNode calls = manifest.path("metrics").path("model_calls");
        List<String> roles = new ArrayList<>();
        calls.fieldNames().forEachRemaining(roles::add);
        List<Chart.Series> series = new ArrayList<>();
        for (String p : List.of("p50_ms", "p90_ms", "p99_ms")) {
            series.add(new Chart.Series(p.replace("_ms", ""), roles.stream().map(r -> (Number) calls.path(r).path(p).asDouble()).toList()));
        }
        return new Chart("latency", "bar", "Model call latency per role", "role", "milliseconds", roles, roles.isEmpty() ? List.of() : series, false);
    }

    /** Calls that waited for a rate limit and 429 answers, per endpoint ({@code metrics.rate_limits}). */
    Chart rateLimitWaits() {
        JsonNode limits = manifest.path("metrics").path("rate_limits");
        List<String> endpoints = new ArrayList<>();
        limits.fieldNames().forEachRemaining(endpoints::add);
        List<Chart.Series> series = List.of(
                new Chart.Series("calls that waited", endpoints.stream().map(e -> (Number) limits.path(e).path("waits").asLong()).toList()),
                new Chart.Series("429 answers", endpoints.stream().map(e -> (Number) limits.path(e).path("rate_limited_429").asLong()).toList()));
        return new Chart("rate-limits", "bar", "Rate-limit waits per endpoint", "endpoint", "calls",
                endpoints.stream().map(Redaction::endpoint).toList(), endpoints.isEmpty() ? List.of() : series, false);
    }

    private static List<String> timeLabels(JsonNode timeline) {
        int buckets = 0;
        for (Iterator<JsonNode> it = timeline.path("finished").elements(); it.hasNext(); ) buckets = Math.max(buckets, it.next().size());
        long width = timeline.path("bucket_seconds").asLong(1);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < buckets; i++) labels.add(Long.toString(i * width));
        return labels;
    }

    private static List<Number> numbers(JsonNode array, int size) {
        List<Number> out = new ArrayList<>();
        for (int i = 0; i < size; i++) out.add(array.path(i).asLong());
        return out;
    }
}
