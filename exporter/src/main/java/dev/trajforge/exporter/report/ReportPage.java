package dev.trajforge.exporter.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The template's model of one report: the manifest as it is (identity, counts, files, metrics), the charts made of it and
 * of the episode statistics, the viewer's trajectories with the choices of its filters, and the notes that say what the
 * report could not know. Everything is sorted, so the same data always renders the same page.
 */
final class ReportPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportPage() {
    }

    static Map<String, Object> model(JsonNode manifest, EpisodeStats stats, List<Viewed> sample, int sampleSize, List<String> notes) {
        ManifestCharts fromManifest = new ManifestCharts(manifest);
        Map<String, Chart> charts = new LinkedHashMap<>();
        for (Chart chart : List.of(fromManifest.outcomes(), fromManifest.domains(), fromManifest.episodesOverTime(), fromManifest.throughput(),
                stats.histogram("turns", "User turns per episode", "user turns", stats.turns),
                stats.histogram("tool-calls-per-episode", "Tool calls per episode", "tool calls", stats.toolCalls),
                stats.histogram("tokens", "Tokens per episode (prompt + completion, the agent's calls)", "tokens", stats.tokens),
                stats.toolUsage(), stats.toolErrors(), stats.personas(), stats.faults(), stats.judgeScores(),
                fromManifest.latency(), fromManifest.rateLimitWaits())) {
            charts.put(chart.id(), chart);
        }
        Map<String, Object> model = new TreeMap<>();
        model.put("m", JSON.convertValue(manifest, Map.class));
        // the template sees plain maps and lists: FreeMarker reaches only public classes' methods, and these records are the package's own
        model.put("charts", JSON.convertValue(charts, Map.class));
        model.put("chartData", JsonText.forScript(charts.values().stream().filter(c -> !c.empty()).toList()));
        model.put("spend", spend(manifest));
        model.put("rateLimits", rateLimits(manifest));
        model.put("episodesCounted", stats.episodes());
        model.put("judged", stats.judged());
        model.put("toolErrorsNamed", stats.toolErrorsNamed());
        model.put("sample", JSON.convertValue(sample, List.class));
        model.put("sampleSize", sampleSize);
        model.put("filters", filters(sample));
        model.put("notes", notes);
        return model;
    }

    /** Total spend in USD over every role, as text with four decimals. */
    private static String spend(JsonNode manifest) {
        double total = 0;
        for (JsonNode role : manifest.path("usage")) total += role.path("cost_usd").asDouble();
        return String.format(Locale.ROOT, "%.4f", total);
    }

    /** Each endpoint's figures with the endpoint's label cleared of credentials. */
    private static List<Map<String, Object>> rateLimits(JsonNode manifest) {
        List<Map<String, Object>> out = new ArrayList<>();
        manifest.path("metrics").path("rate_limits").properties().forEach(e -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = new TreeMap<>(JSON.convertValue(e.getValue(), Map.class));
            row.put("endpoint", Redaction.endpoint(e.getKey()));
            out.add(row);
        });
        return out;
    }

    /** The values the viewer's filters offer: those the sampled trajectories have. */
    private static Map<String, List<String>> filters(List<Viewed> sample) {
        TreeSet<String> domains = new TreeSet<>();
        TreeSet<String> reasons = new TreeSet<>();
        TreeSet<String> personas = new TreeSet<>();
        TreeSet<String> tools = new TreeSet<>();
        for (Viewed v : sample) {
            if (v.domain() != null) domains.add(v.domain());
            reasons.addAll(v.reasons());
            if (v.persona() != null) personas.add(v.persona());
            tools.addAll(v.tools());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("domain", List.copyOf(domains));
        out.put("reason", List.copyOf(reasons));
        out.put("persona", List.copyOf(personas));
        out.put("tool", List.copyOf(tools));
        return out;
    }
}
