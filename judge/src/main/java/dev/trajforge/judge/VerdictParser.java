package dev.trajforge.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Criterion;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a judge's reply strictly. Accepted: exactly one JSON object
 * {@code {"verdicts":[{"criterion":..,"reason":..,"verdict":"pass"|"fail"}, ...]}}, optionally
 * surrounded by whitespace or wrapped in one {@code ```json} fenced block, naming every rubric
 * criterion exactly once with a non-blank reason. Anything else is invalid, with every problem named;
 * an empty verdict list is invalid, never a pass.
 */
final class VerdictParser {
    private static final Pattern FENCED = Pattern.compile("\\A```(?:json)?\\s*(.*?)\\s*```\\z", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Set<String> ENTRY_FIELDS = Set.of("criterion", "reason", "verdict");

    private VerdictParser() {
    }

    sealed interface Result {
    }

    /** Every criterion's verdict, in rubric order. */
    record Parsed(List<CriterionVerdict> verdicts) implements Result {
        Parsed {
            verdicts = List.copyOf(verdicts);
        }
    }

    record Invalid(String reason) implements Result {
    }

    static Result parse(String reply, List<Criterion> rubric) {
        if (reply == null || reply.isBlank()) return new Invalid("empty reply");
        String text = reply.strip();
        if (text.startsWith("```")) {
            Matcher fenced = FENCED.matcher(text);
            if (!fenced.matches()) return new Invalid("not JSON: a fenced block with text around it or an unclosed fence: " + excerpt(text));
            text = fenced.group(1).strip();
        }
        JsonNode root = CanonicalJson.parseOrNull(text);
        if (root == null) return new Invalid("not JSON: " + excerpt(text));
        if (!root.isObject()) return new Invalid("not a JSON object but " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("verdicts")) problems.add("unexpected field '" + name + "'");
        }
        JsonNode verdicts = root.get("verdicts");
        if (verdicts == null) return new Invalid(join(problems, "no 'verdicts' field"));
        if (!verdicts.isArray()) return new Invalid(join(problems, "'verdicts' is not an array"));
        if (verdicts.isEmpty()) return new Invalid(join(problems, "empty verdicts: expected " + rubric.size() + " (" + names(rubric) + ")"));

        Map<String, CriterionVerdict> byName = new LinkedHashMap<>();
        Set<String> known = new java.util.HashSet<>();
        rubric.forEach(c -> known.add(c.name()));
        int index = 0;
        for (JsonNode entry : verdicts) {
            String where = "verdict " + index++;
            if (!entry.isObject()) {
                problems.add(where + " is not an object");
                continue;
            }
            for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!ENTRY_FIELDS.contains(name)) problems.add(where + ": unexpected field '" + name + "'");
            }
            JsonNode criterionNode = entry.get("criterion");
            if (criterionNode == null || !criterionNode.isTextual()) {
                problems.add(where + ": no criterion name");
                continue;
            }
            String criterion = criterionNode.asText();
            if (!known.contains(criterion)) {
                problems.add("unknown criterion '" + criterion + "'");
                continue;
            }
            if (byName.containsKey(criterion)) {
                problems.add("duplicate criterion '" + criterion + "'");
                continue;
            }
            JsonNode reasonNode = entry.get("reason");
            JsonNode verdictNode = entry.get("verdict");
            boolean ok = true;
            if (reasonNode == null || !reasonNode.isTextual() || reasonNode.asText().isBlank()) {
                problems.add("criterion '" + criterion + "': blank or missing reason");
                ok = false;
            }
            String verdict = verdictNode != null && verdictNode.isTextual() ? verdictNode.asText().toLowerCase(Locale.ROOT) : null;
            if (!"pass".equals(verdict) && !"fail".equals(verdict)) {
                problems.add("criterion '" + criterion + "': verdict must be \"pass\" or \"fail\", got " + (verdictNode == null ? "nothing" : verdictNode.toString()));
                ok = false;
            }
            // reserve the name even when the entry is broken, so a second entry for it reads as a duplicate
            byName.put(criterion, ok ? new CriterionVerdict(criterion, reasonNode.asText().strip(), "pass".equals(verdict)) : null);
        }
        for (Criterion criterion : rubric) {
            if (!byName.containsKey(criterion.name())) problems.add("missing criterion '" + criterion.name() + "'");
        }
        if (!problems.isEmpty()) return new Invalid(String.join("; ", problems));
        return new Parsed(rubric.stream().map(c -> byName.get(c.name())).toList());
    }

    private static String join(List<String> problems, String last) {
        List<String> all = new ArrayList<>(problems);
        all.add(last);
        return String.join("; ", all);
    }

    private static String names(List<Criterion> rubric) {
        return String.join(", ", rubric.stream().map(Criterion::name).toList());
    }

    private static String excerpt(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 120) + "...'";
    }
}
