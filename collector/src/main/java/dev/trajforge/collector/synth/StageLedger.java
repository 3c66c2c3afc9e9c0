package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs stage items at most once per output: an item the journal holds is answered from it (no model call); any other
 * is asked only while the budget lasts, then journaled (fsynced) before it counts. Keeps the tally of what this
 * invocation spent and what the output has spent in all.
 */
final class StageLedger {
    private final SynthJournal journal;
    private final StageAsker asker;
    private final SynthConfig.Budget budget;
    private Spend spentBefore = Spend.NONE;
    private Spend spentNow = Spend.NONE;
    private int resumed;
    private int asked;

    StageLedger(SynthJournal journal, StageAsker asker, SynthConfig.Budget budget) {
        this.journal = journal;
        this.asker = asker;
        this.budget = budget;
        for (StageRecord record : journal.records().values()) spentBefore = spentBefore.plus(record.spend());
    }

    /** The item's record: from the journal, or asked now; {@code checks} sees answers that met the stage's schema. */
    StageRecord item(String key, StagePrompt prompt, JsonNode input, Map<String, Object> values, Function<JsonNode, List<String>> checks) {
        StageRecord known = journal.records().get(key);
        if (known != null) {
            resumed++;
            return known;
        }
        requireBudget(key);
        StageAsker.Asked answer = asker.ask(prompt.render(input, values), prompt.schema(), checks);
        Spend spend = answer.spend();
        StageRecord record = new StageRecord(key, answer.answer() != null ? StageRecord.Status.done : StageRecord.Status.failed,
                answer.answer(), answer.reason(), spend.calls(), spend.reasks(), spend.promptTokens(), spend.completionTokens(),
                prompt.template().path(), prompt.template().sha256());
        spentNow = spentNow.plus(spend);
        journal.append(record);
        asked++;
        return record;
    }

    private void requireBudget(String key) {
        Spend total = total();
        if (budget.maxCalls() != null && total.calls() >= budget.maxCalls()) {
            throw new BudgetExhaustedException("budget spent: " + total.calls() + " of " + budget.maxCalls() + " model calls; stopped before " + key);
        }
        if (budget.maxTokens() != null && total.tokens() >= budget.maxTokens()) {
            throw new BudgetExhaustedException("budget spent: " + total.tokens() + " of " + budget.maxTokens() + " tokens; stopped before " + key);
        }
    }

    /** Spent on this output in all invocations. */
    Spend total() {
        return spentBefore.plus(spentNow);
    }

    /** Spent by this invocation. */
    Spend now() {
        return spentNow;
    }

    int resumed() {
        return resumed;
    }

    int asked() {
        return asked;
    }

    /** Every finished item's record (this invocation's and earlier ones'). */
    java.util.Collection<StageRecord> records() {
        return journal.records().values();
    }
}
