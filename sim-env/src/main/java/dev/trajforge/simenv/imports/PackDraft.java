package dev.trajforge.simenv.imports;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A whole domain pack in memory, before it is written ({@link PackWriter}): what the importers and the
 * synthesizer build. Every part is checked when it is made and the whole when it is assembled (tools name
 * known collections, gold steps name known tools and their parameters), so a draft that exists can be
 * written as a pack the loader accepts, as far as its structure goes.
 *
 * @param name         the domain's name, {@code [a-z][a-z0-9_]{0,39}}
 * @param origin       where the pack came from ({@code origin:} in domain.yaml)
 * @param policy       the agent's policy (policy.md), Markdown
 * @param clock        the world's "now", an ISO-8601 instant
 * @param exactArguments argument names the scripted agent never mistypes (identifiers it has looked up), and the
 *                     domain contract's wrong write leaves alone: arguments whose value leaves no trace in the state
 */
public record PackDraft(String name, String description, Origin origin, String policy, String clock, boolean confirmWrites,
                        List<DraftCollection> collections, List<DraftTool> tools, TaskSetup setup, List<DraftIntent> intents,
                        Set<String> exactArguments) {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /** Where a pack came from: {@code kind} and the file, URL or command it was made from. */
    public record Origin(Kind kind, String source) {
        public enum Kind {
            PACK, MCP, OPENAPI, SYNTHESIZED;

            public String wireName() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        public Origin {
            Objects.requireNonNull(kind, "origin kind");
            source = source == null ? "" : source.strip();
        }
    }

    /**
     * What every task of the pack draws first (tasks.yaml's {@code subject}, {@code name}, {@code known},
     * {@code compound_share}): expressions drawn once per task, the user's name (an expression), the identity facts
     * the user gives when asked (topic to template), the share of tasks with two requests.
     */
    public record TaskSetup(Map<String, String> subject, String userName, Map<String, String> known, double compoundShare) {
        public TaskSetup {
            subject = Drafts.orderedCopy(subject, "subject");
            Drafts.requireText(userName, "the user's name expression");
            known = Drafts.orderedCopy(known, "known");
            if (!(compoundShare >= 0 && compoundShare <= 1)) throw new IllegalArgumentException("compound_share must be in [0, 1], got " + compoundShare);
        }

        /** One user, named by a constant, who knows nothing about themselves the tasks need; one request per task. */
        public static TaskSetup singleUser(String name) {
            return new TaskSetup(Map.of(), Drafts.jsonataString(name), Map.of(), 0);
        }
    }

    public PackDraft {
        if (name == null || !NAME.matcher(name).matches()) throw new IllegalArgumentException("pack name must match " + NAME + ", got '" + name + "'");
        description = Drafts.requireText(description, "pack " + name + ": description");
        Objects.requireNonNull(origin, "pack " + name + ": origin");
        policy = Drafts.requireText(policy, "pack " + name + ": policy");
        clock = Drafts.requireText(clock, "pack " + name + ": clock");
        try {
            java.time.Instant.parse(clock);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("pack " + name + ": clock must be an ISO-8601 instant such as 2024-05-15T15:00:00Z, got '" + clock + "'");
        }
        collections = List.copyOf(collections);
        tools = List.copyOf(tools);
        Objects.requireNonNull(setup, "pack " + name + ": task setup");
        intents = List.copyOf(intents);
        exactArguments = Set.copyOf(new TreeSet<>(exactArguments));
        // no collections: a world of tools that keep no state (an MCP server of utilities); its tasks are judged on actions
        if (tools.isEmpty()) throw new IllegalArgumentException("pack " + name + ": a domain needs at least one tool");
        if (intents.isEmpty()) throw new IllegalArgumentException("pack " + name + ": a domain needs at least one intent");
        Set<String> collectionNames = unique(collections.stream().map(DraftCollection::name).toList(), "collection", name);
        unique(tools.stream().map(DraftTool::name).toList(), "tool", name);
        unique(intents.stream().map(DraftIntent::name).toList(), "intent", name);
        for (DraftTool tool : tools) {
            String collection = tool.simulation().collection();
            if (collection != null && !collectionNames.contains(collection)) {
                throw new IllegalArgumentException("pack " + name + ": tool " + tool.name() + " simulates collection '" + collection
                        + "', which the pack does not have (" + String.join(", ", new TreeSet<>(collectionNames)) + ")");
            }
        }
        for (DraftIntent intent : intents) intent.checkAgainst(tools, collectionNames);
    }

    private static Set<String> unique(List<String> names, String what, String pack) {
        Set<String> seen = new HashSet<>();
        for (String n : names) if (!seen.add(n)) throw new IllegalArgumentException("pack " + pack + ": a second " + what + " named '" + n + "'");
        return seen;
    }

    /** The tool named {@code name}. */
    public DraftTool tool(String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pack " + this.name + " has no tool '" + name + "'"));
    }
}
