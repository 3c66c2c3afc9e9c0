package dev.trajforge.collector.synth;

import dev.langchain4j.model.chat.ChatModel;
import dev.trajforge.collector.synth.Ideas.Category;
import dev.trajforge.collector.synth.Ideas.DomainIdea;
import dev.trajforge.exporter.FailPoints;
import dev.trajforge.simenv.Domains;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code trajforge synthesize}: categories, then application domains per category (near-duplicates removed across
 * all of them), then for each domain its tools, entities and tasks ({@link DomainStages}), each pack written and
 * checked as it is finished ({@link PackPlacement}), and {@code summary.json} last. Every stage item is journaled, so a
 * second invocation on the same output asks the model only for what is not finished; the packs are written again from
 * the journal, the same bytes.
 */
public final class Synthesis {
    /** Reached after a domain's last stage item is journaled and before its pack is written (tests kill the process here). */
    static final String BEFORE_PACK = "synth.before_pack";

    private final LoadedSynthConfig loaded;
    private final ChatModel model;
    private final String modelLabel;
    private final PrintStream progress;

    /** {@code modelLabel} names the synthesizer in every pack's origin ({@code openai/gpt-4.1}). */
    public Synthesis(LoadedSynthConfig loaded, ChatModel model, String modelLabel, PrintStream progress) {
        this.loaded = loaded;
        this.model = model;
        this.modelLabel = modelLabel;
        this.progress = progress;
    }

    public SynthesisReport run() {
        SynthConfig config = loaded.config();
        Path out = loaded.output();
        try (SynthJournal journal = SynthJournal.open(out.resolve("journal.jsonl"), loaded.sha256(), loaded.hashed())) {
            StageLedger ledger = new StageLedger(journal, new StageAsker(model, config.attempts()), config.budget());
            PackPlacement placement = new PackPlacement(out, config.seed(), config.contractTasks());
            SummaryBuilder summary = new SummaryBuilder(loaded, journal.damaged());
            String stopped = null;
            try {
                synthesize(config, ledger, placement, summary);
            } catch (BudgetExhaustedException e) {
                stopped = e.getMessage();
                progress.println("synthesize: " + stopped);
            }
            SynthesisReport report = summary.write(out, ledger, stopped);
            return report;
        }
    }

    private void synthesize(SynthConfig config, StageLedger ledger, PackPlacement placement, SummaryBuilder summary) {
        List<Category> categories = new CategoryStage(ledger, config).categories(summary);
        Set<String> builtIn = new TreeSet<>(Domains.discover(List.of()).keySet());
        List<DomainIdea> proposed = new DomainIdeaStage(ledger, config, builtIn).domains(categories, summary);
        NearDuplicates.Result<DomainIdea> domains = NearDuplicates.remove(proposed, config.similarity().domains());
        summary.removedDomains(domains.removed());
        DomainStages stages = new DomainStages(ledger, config, modelLabel);
        for (DomainIdea domain : domains.kept()) {
            DomainStages.Outcome outcome = stages.synthesize(domain);
            summary.removedTools(domain.name(), outcome.removedTools());
            FailPoints.reach(BEFORE_PACK);
            PackOutcome pack = outcome.domain() == null
                    ? placement.reject(domain.name(), outcome.failedStage(), List.of(outcome.reason()))
                    : placement.place(outcome.domain());
            summary.pack(pack);
            progress.println("synthesize: " + domain.name() + (pack.accepted() ? " accepted" : " rejected (" + pack.stage() + "): " + pack.reasons().getFirst()));
        }
    }
}
