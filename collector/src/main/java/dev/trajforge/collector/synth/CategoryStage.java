package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.collector.synth.Ideas.Category;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The categories: the config's names as they are (no model call), or {@code categoryCount} proposed by the model. */
final class CategoryStage {
    static final String KEY = "categories";

    private final StageLedger ledger;
    private final SynthConfig config;

    CategoryStage(StageLedger ledger, SynthConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    List<Category> categories(SummaryBuilder summary) {
        if (!config.categories().isEmpty()) return config.categories().stream().map(name -> new Category(name, "")).toList();
        ObjectNode input = Ideas.JSON.createObjectNode();
        input.put("count", config.categoryCount());
        input.put("seed", config.seed());
        StageRecord record = ledger.item(KEY, StagePrompt.load("categories"), input, Map.of(), answer -> problems(Ideas.list(answer, "categories", Category.class)));
        if (!record.done()) {
            summary.failedItem(KEY, record.reason());
            return List.of();
        }
        return Ideas.list(record.answer(), "categories", Category.class);
    }

    private List<String> problems(List<Category> categories) {
        List<String> problems = new ArrayList<>();
        if (categories.size() != config.categoryCount()) problems.add("expected exactly " + config.categoryCount() + " categories, got " + categories.size());
        Set<String> names = new HashSet<>();
        for (Category category : categories) if (!names.add(category.name())) problems.add("a second category named '" + category.name() + "'");
        return problems;
    }
}
