package dev.trajforge.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.UserToolCall;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run made of each of its domains, counted over every record: episodes and how they ended
 * (accepted, rejected by reason, infra failed), distinct tasks, tool coverage (the share of the tools
 * the domain offered, read from the rows' {@code tools} and {@code user_tools}, that accepted trajectories
 * called, the user's own calls included), personas
 * and injected faults (by kind; and how many of the accepted episodes recovered from one). Written as
 * {@code metrics.by_domain} in the manifest and as a table in the dataset card.
 */
final class DomainStats implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Tally> byDomain = new HashMap<>();
    /** tool names per tools JSON: a domain's rows share one interned string, parsed once */
    private transient Map<String, Set<String>> offeredByJson = new IdentityHashMap<>();

    private static final class Tally implements Serializable {
        private static final long serialVersionUID = 1L;
        long episodes;
        long accepted;
        long infraFailed;
        long acceptedWithFaults;
        final Map<String, Long> rejected = new TreeMap<>();
        final Set<String> tasks = new HashSet<>();
        final Set<String> offered = new TreeSet<>();
        final Set<String> used = new TreeSet<>();
        final Map<String, Long> personas = new TreeMap<>();
        final Map<String, Long> faults = new TreeMap<>();
        final Set<String> origins = new TreeSet<>();
        final Set<String> simulators = new TreeSet<>();
    }

    /** Adds another part of the same export's counts (a Spark partition's) to these. */
    void merge(DomainStats other) {
        other.byDomain.forEach((domain, theirs) -> {
            Tally mine = byDomain.computeIfAbsent(domain, d -> new Tally());
            mine.episodes += theirs.episodes;
            mine.accepted += theirs.accepted;
            mine.infraFailed += theirs.infraFailed;
            mine.acceptedWithFaults += theirs.acceptedWithFaults;
            theirs.rejected.forEach((reason, n) -> mine.rejected.merge(reason, n, Long::sum));
            mine.tasks.addAll(theirs.tasks);
            mine.offered.addAll(theirs.offered);
            mine.used.addAll(theirs.used);
            theirs.personas.forEach((persona, n) -> mine.personas.merge(persona, n, Long::sum));
            theirs.faults.forEach((fault, n) -> mine.faults.merge(fault, n, Long::sum));
            mine.origins.addAll(theirs.origins);
            mine.simulators.addAll(theirs.simulators);
        });
    }

    void add(ExportRecord record) {
        Trajectory t = record.trajectory();
        Tally tally = byDomain.computeIfAbsent(t.domain(), d -> new Tally());
        if (offeredByJson == null) offeredByJson = new IdentityHashMap<>(); // a deserialized tally counts on
        tally.episodes++;
        tally.tasks.add(t.taskId());
        if (offeredByJson.size() > 1024) offeredByJson.clear(); // imported sessions can each bring their own tools: stay bounded
        tally.offered.addAll(offeredByJson.computeIfAbsent(t.toolsJson(), DomainStats::toolNames));
        tally.offered.addAll(offeredByJson.computeIfAbsent(t.userToolsJson(), DomainStats::toolNames));
        if (!t.persona().isEmpty()) tally.personas.merge(t.persona(), 1L, Long::sum);
        if (t.lineage().domainOrigin() != null) tally.origins.add(t.lineage().domainOrigin());
        if (t.lineage().toolSimulatorModel() != null) tally.simulators.add(t.lineage().toolSimulatorModel());
        for (String fault : t.faults()) tally.faults.merge(kind(fault), 1L, Long::sum);
        switch (record.status()) {
            case ACCEPTED -> {
                tally.accepted++;
                if (!t.faults().isEmpty()) tally.acceptedWithFaults++;
                for (Message message : t.messages()) for (ToolCall call : message.toolCalls()) tally.used.add(call.name());
                for (UserToolCall call : t.userToolCalls()) tally.used.add(call.call().name());
            }
            case REJECTED -> tally.rejected.merge(record.primaryRejectReason(), 1L, Long::sum);
            case INFRA_FAILED -> tally.infraFailed++;
        }
    }

    /** Each domain's figures, by domain name. */
    Map<String, DomainSummary> summaries() {
        Map<String, DomainSummary> out = new TreeMap<>();
        byDomain.forEach((domain, t) -> {
            Set<String> used = new TreeSet<>(t.used);
            used.retainAll(t.offered);
            double coverage = t.offered.isEmpty() ? 0.0 : (double) used.size() / t.offered.size();
            out.put(domain, new DomainSummary(t.episodes, t.accepted, Map.copyOf(t.rejected), t.infraFailed, t.tasks.size(), t.offered.size(),
                    used.size(), coverage, Map.copyOf(t.personas), Map.copyOf(t.faults), t.acceptedWithFaults,
                    t.origins.isEmpty() ? null : String.join(", ", t.origins), t.simulators.isEmpty() ? null : String.join(", ", t.simulators)));
        });
        return out;
    }

    /** The kind of a recorded fault: {@code timeout} of {@code timeout@get_order#3}, {@code agent:wrong_argument} of {@code agent:wrong_argument@x}. */
    static String kind(String fault) {
        int at = fault.indexOf('@');
        return at < 0 ? fault : fault.substring(0, at);
    }

    private static Set<String> toolNames(String toolsJson) {
        Set<String> names = new TreeSet<>();
        try {
            for (JsonNode tool : JSON.readTree(toolsJson)) {
                JsonNode function = tool.has("function") ? tool.path("function") : tool;
                if (function.hasNonNull("name")) names.add(function.path("name").asText());
            }
        } catch (JsonProcessingException e) {
            // a row whose tools are not JSON offers nothing countable; the validator reports it
        }
        return names;
    }
}
