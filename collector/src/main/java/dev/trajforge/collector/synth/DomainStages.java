package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.collector.synth.Ideas.CollectionIdea;
import dev.trajforge.collector.synth.Ideas.DomainIdea;
import dev.trajforge.collector.synth.Ideas.TaskIdea;
import dev.trajforge.collector.synth.Ideas.ToolIdea;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stages of one domain, in order: its tools (near-duplicates removed), then the entity schemas and seed entities
 * of the collections those tools use, then the tasks with gold plans, facts and rubrics. Each stage's input is built
 * from the answers before it; a stage that fails ends the domain with that stage's reason.
 */
final class DomainStages {
    /** How a domain ended: synthesized, or failed at a stage. {@code removedTools} lists the tools dropped as near-duplicates. */
    record Outcome(SynthesizedDomain domain, String failedStage, String reason, List<NearDuplicates.Removed> removedTools) {
    }

    private final StageLedger ledger;
    private final SynthConfig config;
    private final String modelLabel;
    private final StagePrompt toolsPrompt = StagePrompt.load("tools");
    private final StagePrompt entitiesPrompt = StagePrompt.load("entities");
    private final StagePrompt tasksPrompt = StagePrompt.load("tasks");

    DomainStages(StageLedger ledger, SynthConfig config, String modelLabel) {
        this.ledger = ledger;
        this.config = config;
        this.modelLabel = modelLabel;
    }

    Outcome synthesize(DomainIdea domain) {
        ObjectNode toolsInput = Ideas.JSON.createObjectNode();
        toolsInput.put("category", domain.category());
        toolsInput.set("domain", describe(domain));
        toolsInput.put("count", config.toolsPerDomain());
        StageRecord toolsRecord = ledger.item("tools/" + domain.name(), toolsPrompt, toolsInput, Map.of(),
                answer -> ToolChecks.problems(Ideas.list(answer, "tools", ToolIdea.class), config.toolsPerDomain()));
        if (!toolsRecord.done()) return new Outcome(null, "tools", toolsRecord.reason(), List.of());
        NearDuplicates.Result<ToolIdea> tools = NearDuplicates.remove(Ideas.list(toolsRecord.answer(), "tools", ToolIdea.class),
                config.similarity().tools());

        Set<String> needed = new TreeSet<>();
        tools.kept().forEach(tool -> needed.add(tool.simulation().collection()));
        ObjectNode entitiesInput = Ideas.JSON.createObjectNode();
        entitiesInput.set("domain", describe(domain));
        entitiesInput.set("tools", Ideas.JSON.valueToTree(tools.kept()));
        entitiesInput.set("collections", Ideas.JSON.valueToTree(needed));
        entitiesInput.put("count", config.entitiesPerCollection());
        StageRecord entitiesRecord = ledger.item("entities/" + domain.name(), entitiesPrompt, entitiesInput, Map.of(),
                answer -> EntityChecks.problems(Ideas.list(answer, "collections", CollectionIdea.class), needed, config.entitiesPerCollection()));
        if (!entitiesRecord.done()) return new Outcome(null, "entities", entitiesRecord.reason(), tools.removed());
        List<CollectionIdea> collections = Ideas.list(entitiesRecord.answer(), "collections", CollectionIdea.class);

        ObjectNode tasksInput = Ideas.JSON.createObjectNode();
        tasksInput.set("domain", describe(domain));
        tasksInput.set("tools", Ideas.JSON.valueToTree(tools.kept()));
        tasksInput.set("collections", Ideas.JSON.valueToTree(collections));
        tasksInput.put("count", config.tasksPerDomain());
        TaskChecks taskChecks = new TaskChecks(tools.kept(), collections);
        StageRecord tasksRecord = ledger.item("tasks/" + domain.name(), tasksPrompt, tasksInput, Map.of(),
                answer -> taskChecks.problems(Ideas.list(answer, "tasks", TaskIdea.class), config.tasksPerDomain()));
        if (!tasksRecord.done()) return new Outcome(null, "tasks", tasksRecord.reason(), tools.removed());
        List<TaskIdea> tasks = Ideas.list(tasksRecord.answer(), "tasks", TaskIdea.class);
        String source = modelLabel + ", category " + domain.category();
        return new Outcome(new SynthesizedDomain(domain, tools.kept(), collections, tasks, source), null, null, tools.removed());
    }

    private static JsonNode describe(DomainIdea domain) {
        ObjectNode node = Ideas.JSON.createObjectNode();
        node.put("name", domain.name());
        node.put("description", domain.description());
        return node;
    }

    static ArrayNode names(List<String> names) {
        ArrayNode array = Ideas.JSON.createArrayNode();
        names.forEach(array::add);
        return array;
    }
}
