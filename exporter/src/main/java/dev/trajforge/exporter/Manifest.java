package dev.trajforge.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Renders {@code manifest.json}: top-level keys in the order of {@code dataset-contract.md}, map keys
 * sorted, {@code \n} line ends, so the same export always renders the same bytes. After the contract's
 * keys and {@code models}, {@code prompts_sha256}, {@code metrics} come {@code format} (what the data
 * files hold, e.g. {@code hf-parquet}) and {@code dedup} (settings and how many episodes it removed).
 */
final class Manifest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Manifest() {
    }

    /**
     * {@code banding} is the LSH (bands, rows) of near-dedup, or null without it. {@code sourceRuns} are the runs
     * the rows came from when they are not this export's own (a re-judged or merged dataset): written as
     * {@code source_runs} after {@code run_id}, and only then.
     */
    /**
     * What one accepted trajectory cost, by role and in all: the run's tokens (uncached and cached input apart) and
     * USD divided by the accepted trajectories (rejected and failed episodes are part of the price); null without any.
     */
    static com.fasterxml.jackson.databind.JsonNode perAccepted(UsageTotals usage, long accepted) {
        if (accepted == 0) return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        ObjectNode out = JSON.createObjectNode();
        UsageTotals.RoleUsage total = UsageTotals.RoleUsage.NONE;
        for (var role : usage.roles().entrySet()) {
            perAccepted(out.putObject(role.getKey()), role.getValue(), accepted);
            total = total.plus(role.getValue());
        }
        perAccepted(out.putObject("total"), total, accepted);
        return out;
    }

    private static void perAccepted(ObjectNode node, UsageTotals.RoleUsage u, long accepted) {
        node.put("uncached_prompt_tokens", (double) (u.promptTokens() - u.cachedPromptTokens()) / accepted)
                .put("cached_prompt_tokens", (double) u.cachedPromptTokens() / accepted)
                .put("completion_tokens", (double) u.completionTokens() / accepted)
                .put("cost_usd", u.costUsd() / accepted);
    }

    static byte[] render(ExportSettings settings, java.util.SortedSet<String> sourceRuns, Instant createdAt, ExportResult result, UsageTotals usage,
                         java.util.Map<String, ?> metrics, int[] banding) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema_version", TrajectorySchema.SCHEMA_VERSION);
        root.put("run_id", settings.runId());
        if (!sourceRuns.isEmpty()) sourceRuns.forEach(root.putArray("source_runs")::add);
        root.put("config_sha256", settings.configSha256());
        root.put("created_at", DateTimeFormatter.ISO_INSTANT.format(createdAt));
        root.put("episodes", result.episodes());
        root.put("accepted", result.accepted());
        ObjectNode rejected = root.putObject("rejected");
        result.rejected().forEach(rejected::put);
        root.put("infra_failed", result.infraFailed());
        ObjectNode splits = root.putObject("splits");
        result.splits().forEach(splits::put);
        var files = root.putArray("files");
        for (ExportResult.ShardFile file : result.files()) {
            files.addObject()
                    .put("path", file.path())
                    .put("rows", file.rows())
                    .put("bytes", file.bytes())
                    .put("sha256", file.sha256());
        }
        ObjectNode roles = root.putObject("usage");
        usage.roles().forEach((role, u) -> roles.putObject(role)
                .put("calls", u.calls())
                .put("prompt_tokens", u.promptTokens())
                .put("cached_prompt_tokens", u.cachedPromptTokens())
                .put("completion_tokens", u.completionTokens())
                .put("cost_usd", u.costUsd()));
        root.set("usage_per_accepted", perAccepted(usage, result.accepted()));
        // beyond the contract's keys: which models and which prompt/policy versions made the data
        ObjectNode models = root.putObject("models");
        result.models().forEach((role, labels) -> labels.forEach(models.putArray(role)::add));
        ObjectNode prompts = root.putObject("prompts_sha256");
        result.prompts().forEach((name, shas) -> shas.forEach(prompts.putArray(name)::add));
        root.set("metrics", JSON.copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .valueToTree(new java.util.TreeMap<>(metrics)));
        root.put("format", result.format().wireName());
        Dedup dedup = settings.dedup();
        ObjectNode dedupNode = root.putObject("dedup")
                .put("exact", dedup.exact());
        if (dedup.near()) {
            dedupNode.put("near_duplicate_threshold", dedup.nearThreshold());
        } else {
            dedupNode.putNull("near_duplicate_threshold");
        }
        dedupNode.put("removed_exact", result.duplicates().exact())
                .put("removed_near", result.duplicates().near());
        if (banding != null) {
            dedupNode.putObject("minhash")
                    .put("permutations", MinHash.PERMUTATIONS)
                    .put("bands", banding[0])
                    .put("rows", banding[1])
                    .put("shingle_words", MinHash.SHINGLE_WORDS);
        }
        try {
            return (JSON.writer(PRETTY).writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render manifest.json", e);
        }
    }
}
