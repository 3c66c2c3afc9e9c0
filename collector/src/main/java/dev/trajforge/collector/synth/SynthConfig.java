package dev.trajforge.collector.synth;

import dev.trajforge.collector.config.ModelSpec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code trajforge synthesize} builds and with which model: the categories (named, or a count the model
 * proposes), how many domains per category, tools per domain, entities per collection and tasks per domain, the
 * similarity above which two domains or two tools of a domain count as near-duplicates, where the packs go, the
 * budget, and how many times one stage item may ask the model before it is recorded as a failure.
 *
 * @param model                 the synthesizer (a run role's model spec; never scripted)
 * @param seed                  recorded in the prompts' input, so another seed asks for other domains; and the packs' world seed
 * @param categories            category names; or empty, then {@code categoryCount} are proposed by the model
 * @param categoryCount         how many categories to ask for when none are named
 * @param domainsPerCategory    application domains asked for per category
 * @param toolsPerDomain        tools asked for per domain
 * @param entitiesPerCollection seed entities asked for per collection
 * @param tasksPerDomain        tasks (with gold plans) asked for per domain
 * @param similarity            near-duplicate thresholds
 * @param output                the output folder ({@code packs/}, {@code rejected/}, the journal, {@code summary.json})
 * @param budget                when to stop (resumable)
 * @param attempts              model calls one stage item may take (the first ask and the re-asks with the errors)
 * @param contractTasks         how many of a pack's tasks the domain contract replays
 */
public record SynthConfig(ModelSpec model, Long seed, List<String> categories, Integer categoryCount, Integer domainsPerCategory,
                          Integer toolsPerDomain, Integer entitiesPerCollection, Integer tasksPerDomain, Similarity similarity,
                          String output, Budget budget, Integer attempts, Integer contractTasks) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public SynthConfig {
        if (model == null) throw new IllegalArgumentException("model: is required");
        if (model.isScripted()) throw new IllegalArgumentException("model: a scripted model cannot synthesize; name a provider (openai, anthropic, ollama)");
        if (output == null || output.isBlank()) throw new IllegalArgumentException("output: is required");
        seed = seed == null ? 0L : seed;
        categories = categories == null ? List.of() : List.copyOf(categories);
        for (String name : categories) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("categories: each is a name matching [a-z][a-z0-9_]*, got '" + name + "'");
            }
        }
        if (categories.stream().distinct().count() != categories.size()) throw new IllegalArgumentException("categories: names repeat: " + categories);
        if (categories.isEmpty() && categoryCount == null) throw new IllegalArgumentException("categories: name the categories, or set categoryCount");
        if (!categories.isEmpty() && categoryCount != null) throw new IllegalArgumentException("categoryCount: set it only when no categories are named");
        if (categoryCount != null) positive("categoryCount", categoryCount, 50);
        domainsPerCategory = positive("domainsPerCategory", domainsPerCategory == null ? 3 : domainsPerCategory, 50);
        toolsPerDomain = positive("toolsPerDomain", toolsPerDomain == null ? 6 : toolsPerDomain, 40);
        entitiesPerCollection = positive("entitiesPerCollection", entitiesPerCollection == null ? 8 : entitiesPerCollection, 200);
        tasksPerDomain = positive("tasksPerDomain", tasksPerDomain == null ? 6 : tasksPerDomain, 100);
        similarity = similarity == null ? Similarity.DEFAULT : similarity;
        budget = budget == null ? Budget.NONE : budget;
        attempts = positive("attempts", attempts == null ? 3 : attempts, 10);
        contractTasks = positive("contractTasks", contractTasks == null ? 50 : contractTasks, 10_000);
    }

    private static int positive(String key, int value, int max) {
        if (value < 1 || value > max) throw new IllegalArgumentException(key + ": must be in [1, " + max + "], got " + value);
        return value;
    }

    /**
     * Two domains (or two tools of one domain) whose similarity reaches the threshold are near-duplicates; the later one
     * is removed. The similarity of a name and a description is the mean of the names' Jaro-Winkler similarity and the
     * cosine similarity of the words of the descriptions.
     */
    public record Similarity(Double domains, Double tools) {
        public static final Similarity DEFAULT = new Similarity(null, null);

        public Similarity {
            domains = threshold("domains", domains == null ? 0.85 : domains);
            tools = threshold("tools", tools == null ? 0.85 : tools);
        }

        private static double threshold(String key, double value) {
            if (!(value > 0 && value <= 1)) throw new IllegalArgumentException(key + ": must be in (0, 1], got " + value);
            return value;
        }
    }

    /**
     * When synthesis stops by itself (exit code 4; run the same command again, with a larger budget, to go on): once
     * {@code maxCalls} model calls or {@code maxTokens} tokens (prompt + completion) have been spent on this output, in
     * all invocations together. Checked before each stage item, so an item is never cut in the middle. Null: no limit.
     * Not part of the config's hash: raising a budget never blocks a resume.
     */
    public record Budget(Integer maxCalls, Long maxTokens) {
        public static final Budget NONE = new Budget(null, null);

        public Budget {
            if (maxCalls != null && maxCalls < 1) throw new IllegalArgumentException("maxCalls: must be > 0, got " + maxCalls);
            if (maxTokens != null && maxTokens < 1) throw new IllegalArgumentException("maxTokens: must be > 0, got " + maxTokens);
        }
    }
}
