package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.collector.synth.Ideas.Category;
import dev.trajforge.collector.synth.Ideas.DomainIdea;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The application domains of each category, one model call per category, in the categories' order. A category's input
 * names what to avoid: the built-in domains and the domains earlier categories gave (a pack may not reuse a name the
 * run already knows).
 */
final class DomainIdeaStage {
    private final StageLedger ledger;
    private final SynthConfig config;
    private final Set<String> builtIn;
    private final StagePrompt prompt = StagePrompt.load("domains");

    DomainIdeaStage(StageLedger ledger, SynthConfig config, Set<String> builtIn) {
        this.ledger = ledger;
        this.config = config;
        this.builtIn = Set.copyOf(builtIn);
    }

    List<DomainIdea> domains(List<Category> categories, SummaryBuilder summary) {
        List<DomainIdea> domains = new ArrayList<>();
        for (Category category : categories) {
            Set<String> avoid = new TreeSet<>(builtIn);
            domains.forEach(domain -> avoid.add(domain.name()));
            ObjectNode input = Ideas.JSON.createObjectNode();
            input.put("category", category.name());
            if (!category.description().isEmpty()) input.put("category_description", category.description());
            input.put("count", config.domainsPerCategory());
            input.put("seed", config.seed());
            input.set("avoid", DomainStages.names(List.copyOf(avoid)));
            String key = "domains/" + category.name();
            StageRecord record = ledger.item(key, prompt, input, Map.of(), answer -> problems(Ideas.list(answer, "domains", DomainIdea.Proposed.class), avoid));
            if (!record.done()) {
                summary.failedItem(key, record.reason());
                continue;
            }
            for (DomainIdea.Proposed proposed : Ideas.list(record.answer(), "domains", DomainIdea.Proposed.class)) {
                domains.add(new DomainIdea(proposed.name(), proposed.description(), category.name()));
            }
        }
        return domains;
    }

    private List<String> problems(List<DomainIdea.Proposed> proposed, Set<String> avoid) {
        List<String> problems = new ArrayList<>();
        if (proposed.size() != config.domainsPerCategory()) problems.add("expected exactly " + config.domainsPerCategory() + " domains, got " + proposed.size());
        Set<String> names = new HashSet<>();
        for (DomainIdea.Proposed domain : proposed) {
            if (!names.add(domain.name())) problems.add("a second domain named '" + domain.name() + "'");
            if (avoid.contains(domain.name())) problems.add("the name '" + domain.name() + "' is taken (see avoid)");
        }
        return problems;
    }
}
