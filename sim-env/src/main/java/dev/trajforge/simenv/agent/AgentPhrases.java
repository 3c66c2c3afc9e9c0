package dev.trajforge.simenv.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trajforge.simenv.PromptResource;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the scripted agent says in one domain, from the domain's phrase file (for example
 * {@code retail/agent-phrases.json}); placeholders are tool arguments and facts. The file also holds
 * the little the agent needs to know about the domain's arguments: which argument names call for which
 * question ({@code topics}, tried in order: a topic applies when the tool is one of its {@code tools} or
 * a missing argument one of its {@code slots}), and which arguments it never mistypes on purpose
 * ({@code exact_arguments}: identifiers it has just looked up), which it works out itself from values it
 * has seen ({@code derived_arguments}, such as an arithmetic expression over prices: known once every
 * number and word in it was seen), and which placeholders it builds from several arguments
 * ({@code composites}, see {@link Composite}). In a dual-control domain {@code device} says, per user-side
 * tool, how the agent asks the user to act on their own device. Everything else comes from the gold plan
 * and the tool definitions.
 */
public final class AgentPhrases {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** {@code {name}}, or {@code {name|when true|when false}} for a boolean argument ({@code {enabled|on|off}}) */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_0-9]+)(?:\\|([^|{}]*)\\|([^|{}]*))?}");
    /** what separates the numbers and words of a derived value: anything but letters, digits and decimal points */
    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{N}.]+");
    /** placeholders the agent fills itself: the tool, its arguments as JSON, the slots it asks for, the facts */
    private static final Pattern RESERVED = Pattern.compile("tool|arguments|slots|facts|fact[0-9]+");

    record Topic(List<String> tools, List<String> slots) {
        Topic {
            tools = tools == null ? List.of() : List.copyOf(tools);
            slots = slots == null ? List.of() : List.copyOf(slots);
        }
    }

    record File(Map<String, Topic> topics, List<String> exact_arguments, List<String> derived_arguments, Map<String, String> composites,
                Map<String, List<String>> ask, Map<String, String> confirm, Map<String, String> done, List<String> anything_else,
                String declined, String handoff_summary, Map<String, String> device) {
        File {
            device = device == null ? Map.of() : device;
            topics = topics == null ? Map.of() : topics;
            exact_arguments = exact_arguments == null ? List.of() : exact_arguments;
            derived_arguments = derived_arguments == null ? List.of() : derived_arguments;
            for (String name : derived_arguments) {
                if (exact_arguments.contains(name)) throw new IllegalArgumentException("argument '" + name + "' cannot be both exact and derived");
            }
            composites = composites == null ? Map.of() : composites;
            for (String name : composites.keySet()) {
                if (RESERVED.matcher(name).matches()) throw new IllegalArgumentException("composite '" + name + "' would hide the agent's own placeholder {" + name + "}");
            }
            if (ask == null || !ask.containsKey("generic")) throw new IllegalArgumentException("'ask' needs a 'generic' entry");
            if (confirm == null || !confirm.containsKey("default")) throw new IllegalArgumentException("'confirm' needs a 'default' entry");
            if (done == null || !done.containsKey("default")) throw new IllegalArgumentException("'done' needs a 'default' entry");
            if (anything_else == null || anything_else.isEmpty()) throw new IllegalArgumentException("'anything_else' needs a phrase");
        }
    }

    private final PromptResource resource;
    private final File file;
    private final Set<String> exactArguments;
    private final Set<String> derivedArguments;
    private final List<Composite> composites;

    private AgentPhrases(PromptResource resource, File file) {
        this.resource = resource;
        this.file = file;
        this.exactArguments = Set.copyOf(file.exact_arguments());
        this.derivedArguments = Set.copyOf(file.derived_arguments());
        this.composites = file.composites().entrySet().stream().map(e -> new Composite(e.getKey(), e.getValue())).toList();
    }

    /** Parses a domain's phrase file; a malformed one is an error naming it. */
    public static AgentPhrases parse(PromptResource resource) {
        try {
            return new AgentPhrases(resource, JSON.readValue(resource.text(), File.class));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("agent phrase file " + resource.path() + " is malformed: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the phrase file, recorded with the data like any prompt. */
    public String sha256() {
        return resource.sha256();
    }

    /** Whether the scripted agent never mistypes {@code argument} on purpose (an identifier it has just looked up). */
    public boolean exact(String argument) {
        return exactArguments.contains(argument);
    }

    /** Whether the agent works {@code argument} out itself from values it has seen, rather than copying one. */
    public boolean derived(String argument) {
        return derivedArguments.contains(argument);
    }

    /** The numbers and words of a derived value, each of which must have been seen: "12.50 + 3" has "12.50" and "3". */
    public static List<String> words(String value) {
        return java.util.Arrays.stream(WORD_BREAK.split(value)).filter(word -> !word.isEmpty()).toList();
    }

    /**
     * A call's arguments (as template values) plus every composite they fill; an argument of the same
     * name as a composite wins.
     */
    Map<String, String> withComposites(Map<String, String> arguments) {
        Map<String, String> values = new HashMap<>(arguments);
        for (Composite composite : composites) composite.render(arguments).ifPresent(text -> values.putIfAbsent(composite.name(), text));
        return values;
    }

    /** The question topic for a call whose {@code missing} arguments the agent must ask for. */
    String topic(String tool, List<String> missing) {
        for (Map.Entry<String, Topic> topic : file.topics().entrySet()) {
            if (topic.getValue().tools().contains(tool) || missing.stream().anyMatch(topic.getValue().slots()::contains)) return topic.getKey();
        }
        return "generic";
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

    /**
     * What the agent says to have the user make a call on their own device (dual control): the {@code device}
     * phrase of the tool, or its {@code default}, or a plain request naming the tool and its arguments.
     */
    String device(String tool, Map<String, String> values) {
        String template = file.device().getOrDefault(tool, file.device().get("default"));
        if (template == null) template = "Please do this on your device: {tool} with {arguments}, and tell me what it shows.";
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
            if (matcher.group(2) != null && values.containsKey(matcher.group(1))) value = Boolean.parseBoolean(value) ? matcher.group(2) : matcher.group(3);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
