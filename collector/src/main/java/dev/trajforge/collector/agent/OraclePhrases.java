package dev.trajforge.collector.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.PromptResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the scripted oracle agent says, from {@code oracle-agent.json}; placeholders are tool arguments and facts. */
final class OraclePhrases {
    static final PromptResource RESOURCE = PromptResource.load(OraclePhrases.class, "oracle-agent.json");
    private static final OraclePhrases INSTANCE = parse(RESOURCE.text());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_0-9]+)}");

    record File(Map<String, List<String>> ask, Map<String, String> confirm, Map<String, String> done,
                List<String> anything_else, String declined, String handoff_summary) {
    }

    private final File file;

    private OraclePhrases(File file) {
        this.file = file;
    }

    static OraclePhrases get() {
        return INSTANCE;
    }

    private static OraclePhrases parse(String json) {
        try {
            return new OraclePhrases(new ObjectMapper().readValue(json, File.class));
        } catch (IOException e) {
            throw new UncheckedIOException("oracle-agent.json is malformed", e);
        }
    }

    String ask(String topic, SplittableRandom rng, Map<String, String> values) {
        List<String> options = file.ask().getOrDefault(topic, file.ask().get("generic"));
        return fill(options.get(rng.nextInt(options.size())), values);
    }

    String confirm(String tool, Map<String, String> values) {
        return fill(file.confirm().getOrDefault(tool, file.confirm().get("default")), values);
    }

    /** The completion message for an intent; variants keyed {@code intent/nofact} or {@code intent/N} by fact count. */
    String done(String intent, int facts, Map<String, String> values) {
        String template = file.done().get(intent + "/" + facts);
        if (template == null && facts == 0) template = file.done().get(intent + "/nofact");
        if (template == null) template = file.done().get(intent);
        if (template == null || (facts == 0 && template.contains("{fact0}"))) template = file.done().get("default");
        return fill(template, values);
    }

    String anythingElse(SplittableRandom rng) {
        return file.anything_else().get(rng.nextInt(file.anything_else().size()));
    }

    String declined() {
        return file.declined();
    }

    String handoffSummary() {
        return file.handoff_summary();
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), matcher.group(0));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
