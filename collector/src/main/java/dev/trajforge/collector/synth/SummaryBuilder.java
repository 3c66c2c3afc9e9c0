package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects what {@code summary.json} reports (packs accepted and rejected with reasons, near-duplicates removed,
 * failed stage items, calls, re-asks and tokens now and in all, the budget left, the prompts' SHA-256) and writes it
 * last, atomically.
 */
final class SummaryBuilder {
    private final LoadedSynthConfig loaded;
    private final List<String> damaged;
    private final List<PackOutcome> packs = new ArrayList<>();
    private final List<NearDuplicates.Removed> removedDomains = new ArrayList<>();
    private final Map<String, List<NearDuplicates.Removed>> removedTools = new TreeMap<>();
    private final Map<String, String> failedItems = new TreeMap<>();

    SummaryBuilder(LoadedSynthConfig loaded, List<String> damaged) {
        this.loaded = loaded;
        this.damaged = List.copyOf(damaged);
    }

    void pack(PackOutcome outcome) {
        packs.add(outcome);
    }

    void removedDomains(List<NearDuplicates.Removed> removed) {
        removedDomains.addAll(removed);
    }

    void removedTools(String domain, List<NearDuplicates.Removed> removed) {
        if (!removed.isEmpty()) removedTools.put(domain, List.copyOf(removed));
    }

    void failedItem(String key, String reason) {
        failedItems.put(key, reason);
    }

    SynthesisReport write(Path out, StageLedger ledger, String stopped) {
        Spend total = ledger.total();
        ObjectNode root = Ideas.JSON.createObjectNode();
        root.put("config_sha256", loaded.sha256());
        root.put("finished", stopped == null);
        if (stopped != null) root.put("stopped", stopped);
        ObjectNode calls = root.putObject("calls");
        calls.put("this_invocation", ledger.now().calls());
        calls.put("total", total.calls());
        calls.put("reasks", total.reasks());
        calls.put("items_asked_now", ledger.asked());
        calls.put("items_from_journal", ledger.resumed());
        ObjectNode tokens = root.putObject("tokens");
        tokens.put("prompt", total.promptTokens());
        tokens.put("completion", total.completionTokens());
        tokens.put("total", total.tokens());
        ObjectNode budget = root.putObject("budget_left");
        SynthConfig.Budget limits = loaded.config().budget();
        if (limits.maxCalls() != null) budget.put("calls", Math.max(0, limits.maxCalls() - total.calls()));
        if (limits.maxTokens() != null) budget.put("tokens", Math.max(0, limits.maxTokens() - total.tokens()));
        ObjectNode packNode = root.putObject("packs");
        ArrayNode accepted = packNode.putArray("accepted");
        ArrayNode rejected = packNode.putArray("rejected");
        List<String> acceptedNames = new ArrayList<>();
        List<String> rejectedNames = new ArrayList<>();
        for (PackOutcome pack : packs) {
            if (pack.accepted()) {
                accepted.add(pack.name());
                acceptedNames.add(pack.name());
            } else {
                ObjectNode entry = rejected.addObject().put("name", pack.name()).put("stage", pack.stage());
                pack.reasons().forEach(entry.putArray("reasons")::add);
                rejectedNames.add(pack.name());
            }
        }
        ObjectNode duplicates = root.putObject("duplicates_removed");
        duplicates.set("domains", Ideas.JSON.valueToTree(removedDomains));
        duplicates.set("tools", Ideas.JSON.valueToTree(removedTools));
        ObjectNode failed = root.putObject("failed_items");
        failedItems.forEach(failed::put);
        ObjectNode prompts = root.putObject("prompts");
        for (StageRecord record : ledger.records()) if (record.prompt() != null) prompts.put(record.prompt(), record.promptSha256());
        damaged.forEach(root.putArray("damaged_journal_lines")::add);
        int removedCount = removedDomains.size() + removedTools.values().stream().mapToInt(List::size).sum();
        write(out.resolve("summary.json"), root);
        return new SynthesisReport(out, acceptedNames, rejectedNames, ledger.now().calls(), total.calls(), total.reasks(), total.tokens(),
                removedCount, stopped);
    }

    private static void write(Path file, ObjectNode root) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, Ideas.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
