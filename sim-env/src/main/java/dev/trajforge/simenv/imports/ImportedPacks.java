package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.tools.ToolKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a whole pack of an import ({@link ImportedApi}): seed entities per collection ({@link SeedEntities}), one
 * intent per tool ({@link IntentPlanner}), the phrase hints, the policy. A tool no task can be planned for is left
 * out and reported with the reason, so that every tool of the pack is used by a gold plan.
 */
public final class ImportedPacks {
    /** The world's "now" of every imported pack. */
    public static final String CLOCK = "2025-01-01T12:00:00Z";

    /** The pack made of an import, and the import's report with what making it left out. */
    public record ImportedPack(PackDraft draft, ImportReport report) {
    }

    private ImportedPacks() {
    }

    /**
     * @param name     the pack's name ({@code [a-z][a-z0-9_]{0,39}})
     * @param seed     the seed of the seed data and the drawn task values: the same seed, the same pack
     * @param entities how many seed entities each collection gets (at least 1)
     * @throws ImportException when nothing can be made a task, or a collection's schema admits no valid entity
     */
    public static ImportedPack draft(ImportedApi api, String name, long seed, int entities) {
        if (entities < 1) throw new IllegalArgumentException("entities must be >= 1, got " + entities);
        ImportReport.Builder report = new ImportReport.Builder();
        SchemaValues values = new SchemaValues(Instant.parse(CLOCK));
        SeedEntities seeds = new SeedEntities(values, seed);
        Map<String, DraftCollection> collections = new LinkedHashMap<>();
        for (DraftCollection collection : api.collections()) {
            collections.put(collection.name(), new DraftCollection(collection.name(), collection.key(), collection.schema(),
                    NewIds.of(collection, api.tools()), seeds.draw(collection, entities)));
        }
        List<DraftTool> tools = OfflineOutputs.answerable(api, collections, report);
        WriteBasis writes = new WriteBasis(collections);
        new IntentPlanner(List.copyOf(collections.values()), values, seed, writes).planAll(tools); // collects the exact arguments
        Map<DraftTool, IntentPlanner.Plan> plans = new IntentPlanner(List.copyOf(collections.values()), values, seed, writes).planAll(tools);
        List<DraftTool> kept = new ArrayList<>();
        List<DraftIntent> intents = new ArrayList<>();
        plans.forEach((tool, plan) -> {
            if (plan.problem() != null) {
                report.skipped(tool.name(), "no task can be planned for it: " + plan.problem());
                return;
            }
            kept.add(tool);
            intents.add(plan.intent().intent(plan.sample()));
        });
        if (kept.isEmpty()) throw new ImportException(api.origin().source() + ": no imported tool can be given a task with a checkable outcome");
        ImportReport merged = merge(api.report(), report.build(), kept);
        PackDraft draft = new PackDraft(name, describe(api), api.origin(), Policies.of(api), CLOCK, true, List.copyOf(collections.values()), kept,
                PackDraft.TaskSetup.singleUser("Alex Morgan"), intents, writes.exact());
        return new ImportedPack(draft, merged);
    }

    private static String describe(ImportedApi api) {
        String text = api.description().isBlank() ? api.title() : api.title() + ": " + api.description();
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    /** The import's report without the tools making the pack left out, plus what it left out and noted. */
    private static ImportReport merge(ImportReport imported, ImportReport made, List<DraftTool> kept) {
        java.util.Set<String> names = new java.util.HashSet<>();
        kept.forEach(tool -> names.add(tool.name()));
        List<ImportReport.Mapped> mapped = imported.mapped().stream().filter(m -> names.contains(m.tool())).toList();
        List<ImportReport.Skipped> skipped = new ArrayList<>(imported.skipped());
        for (ImportReport.Skipped skip : made.skipped()) {
            String source = imported.mapped().stream().filter(m -> m.tool().equals(skip.source())).map(m -> m.source() + " (" + m.tool() + ")")
                    .findFirst().orElse(skip.source());
            skipped.add(new ImportReport.Skipped(source, skip.reason()));
        }
        List<String> notes = new ArrayList<>(imported.notes());
        notes.addAll(made.notes());
        return new ImportReport(mapped, skipped, notes);
    }

    static boolean writes(DraftTool tool) {
        return tool.kind() == ToolKind.WRITE;
    }

    static ObjectNode copy(ObjectNode node) {
        return node.deepCopy();
    }
}
