package dev.trajforge.collector.synth;

import dev.trajforge.collector.synth.Ideas.CollectionIdea;
import dev.trajforge.collector.synth.Ideas.Fact;
import dev.trajforge.collector.synth.Ideas.TaskIdea;
import dev.trajforge.collector.synth.Ideas.ToolIdea;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.imports.DraftCollection;
import dev.trajforge.simenv.imports.DraftIntent;
import dev.trajforge.simenv.imports.DraftTool;
import dev.trajforge.simenv.imports.PackDraft;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolSide;
import org.apache.commons.text.StringSubstitutor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A synthesized domain as a {@link PackDraft}: simulated tools with their hints, collections with their seed entities
 * (ids of created entities formatted {@code <COL>-N{seq:4}}, apart from the model's keys), one intent per task (its
 * arguments the model's values, each step the facts name seen as {@code $s<i>}), one user, the policy of
 * {@code policy.md} and {@code origin: {kind: synthesized, source: <model>, category <c>}}.
 */
final class DraftMapping {
    static final String CLOCK = "2025-01-06T09:00:00Z";
    static final String USER_NAME = "Alex Morgan";
    private static final PromptResource POLICY = PromptResource.load(DraftMapping.class, "policy.md");

    private DraftMapping() {
    }

    static PackDraft draft(SynthesizedDomain domain) {
        Set<String> created = new TreeSet<>();
        Set<String> keyArguments = new TreeSet<>();
        List<DraftTool> tools = new ArrayList<>();
        for (ToolIdea tool : domain.tools()) {
            DraftTool.Action action = DraftTool.Action.valueOf(tool.simulation().action().toUpperCase(Locale.ROOT));
            if (action == DraftTool.Action.CREATE) created.add(tool.simulation().collection());
            if (tool.simulation().key() != null) keyArguments.add(tool.simulation().key());
            tools.add(new DraftTool(tool.name(), tool.description(), tool.reads() ? ToolKind.READ : ToolKind.WRITE, ToolSide.AGENT,
                    tool.parameters(), tool.output(), new DraftTool.Simulation(tool.simulation().collection(), action, tool.simulation().key(), null)));
        }
        List<DraftCollection> collections = new ArrayList<>();
        for (CollectionIdea collection : domain.collections()) {
            String newIds = created.contains(collection.name()) ? prefix(collection.name()) + "-N{seq:4}" : null;
            collections.add(new DraftCollection(collection.name(), collection.key(), collection.schema(), newIds, collection.entities()));
        }
        List<DraftIntent> intents = new ArrayList<>();
        for (TaskIdea task : domain.tasks()) intents.add(intent(task, domain));
        return new PackDraft(domain.name(), domain.idea().description(), new PackDraft.Origin(PackDraft.Origin.Kind.SYNTHESIZED, domain.source()),
                policy(domain), CLOCK, true, collections, tools, PackDraft.TaskSetup.singleUser(USER_NAME), intents, keyArguments);
    }

    private static DraftIntent intent(TaskIdea task, SynthesizedDomain domain) {
        Set<Integer> named = new TreeSet<>();
        task.facts().forEach(fact -> named.add(fact.step()));
        boolean writes = false;
        List<DraftIntent.Step> steps = new ArrayList<>();
        for (int i = 0; i < task.steps().size(); i++) {
            Ideas.Step step = task.steps().get(i);
            writes |= domain.tools().stream().anyMatch(t -> t.name().equals(step.tool()) && !t.reads());
            Map<String, DraftIntent.Argument> args = new LinkedHashMap<>();
            step.args().properties().forEach(arg -> args.put(arg.getKey(), new DraftIntent.Argument.Value(arg.getValue())));
            steps.add(DraftIntent.Step.of(step.tool(), args, named.contains(i) ? "s" + i : null));
        }
        List<String> facts = new ArrayList<>();
        for (Fact fact : task.facts()) facts.add("$string($s" + fact.step() + "." + field(fact.field()) + ")");
        List<Criterion> rubric = task.rubric().stream().map(c -> new Criterion(c.name(), c.text(), 1.0)).toList();
        EnumSet<RewardBasis> basis = EnumSet.noneOf(RewardBasis.class);
        if (writes) basis.addAll(List.of(RewardBasis.STATE, RewardBasis.CONFIRMATION));
        if (!facts.isEmpty()) basis.add(RewardBasis.FACTS);
        return new DraftIntent(task.name(), 1.0, Map.of(), null, task.ask(), task.details(), steps, facts, List.of(), rubric, basis, null);
    }

    /** A field in a JSONata path: as it is when it is a plain name, else in backquotes. */
    private static String field(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "`" + name.replace("`", "") + "`";
    }

    private static String prefix(String collection) {
        String letters = collection.replaceAll("[^a-z]", "");
        return letters.substring(0, Math.min(3, letters.length())).toUpperCase(Locale.ROOT);
    }

    private static String policy(SynthesizedDomain domain) {
        StringSubstitutor substitutor = new StringSubstitutor(Map.of("title", domain.name().replace('_', ' '), "description", domain.idea().description()));
        substitutor.setEnableUndefinedVariableException(true);
        return substitutor.replace(POLICY.text());
    }
}
