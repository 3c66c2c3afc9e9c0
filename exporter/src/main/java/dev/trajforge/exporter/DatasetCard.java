package dev.trajforge.exporter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code README.md}, the dataset card: a YAML front matter with the {@code configs:} block that
 * Hugging Face {@code datasets} reads (one entry per split that has files, pointing at
 * {@code data/<split>-*}, with the extension for every format but hf-parquet, e.g.
 * {@code data/train-*.jsonl}), then a short description, the counts, the contents ({@link CardStats}),
 * the models that made the episodes, and how to load the files.
 */
final class DatasetCard {
    private static final List<String> SPLIT_ORDER = List.of(SplitAssigner.TRAIN, SplitAssigner.VALIDATION, SplitAssigner.REJECTED);

    private DatasetCard() {
    }

    static byte[] render(ExportSettings settings, Instant createdAt, ExportResult result, CardStats stats) {
        ExportFormat format = result.format();
        String ext = format.extension();
        List<String> splits = SPLIT_ORDER.stream()
                .filter(split -> result.files().stream().anyMatch(f -> f.split().equals(split)))
                .toList();
        StringBuilder md = new StringBuilder();
        md.append("---\n");
        md.append("configs:\n");
        md.append("- config_name: default\n");
        md.append("  data_files:\n");
        for (String split : splits) {
            md.append("  - split: ").append(split).append('\n');
            md.append("    path: data/").append(split).append(pattern(format)).append('\n');
        }
        md.append("tags:\n- trajforge\n- tool-use\n- multi-turn\n");
        if (format == ExportFormat.DPO) {
            md.append("- dpo\n- preference\n");
        }
        md.append("---\n\n");

        md.append("# Trajectory Forge dataset `").append(settings.runId()).append("`\n\n");
        md.append(description(format));
        md.append("- run id: `").append(settings.runId()).append("`\n");
        md.append("- config sha256: `").append(settings.configSha256()).append("`\n");
        md.append("- created at: ").append(DateTimeFormatter.ISO_INSTANT.format(createdAt)).append('\n');
        md.append("- format: `").append(format.wireName()).append("`\n");
        md.append("- schema version: ").append(TrajectorySchema.SCHEMA_VERSION).append("\n\n");

        md.append("## Splits\n\n| split | ").append(format.rowsAreEpisodes() ? "rows" : "pairs").append(" | files |\n|---|---:|---:|\n");
        for (String split : splits) {
            long files = result.files().stream().filter(f -> f.split().equals(split)).count();
            md.append("| ").append(split).append(" | ").append(result.splits().getOrDefault(split, 0L))
              .append(" | ").append(files).append(" |\n");
        }
        md.append("\nValidation holds whole tasks: all samples of a task are in the same split.\n\n");

        md.append("## Acceptance\n\n| outcome | episodes |\n|---|---:|\n");
        md.append("| accepted | ").append(result.accepted()).append(" |\n");
        for (Map.Entry<String, Long> reason : result.rejected().entrySet()) {
            md.append("| rejected: ").append(reason.getKey()).append(" | ").append(reason.getValue()).append(" |\n");
        }
        md.append("| infrastructure failure | ").append(result.infraFailed()).append(" |\n");
        md.append("| **total** | ").append(result.episodes()).append(" |\n\n");
        md.append(dedup(settings.dedup(), result.duplicates()));
        md.append(stats.render());
        md.append(models(result));

        md.append("## Loading\n\n").append(loading(format));
        if (splits.contains(SplitAssigner.REJECTED)) {
            md.append("`data/*.").append(ext).append("` includes the `rejected` split (failed and duplicate episodes); training code\n")
              .append("reads `data/train-*.").append(ext).append("`.\n\n");
        }
        md
          .append("Trust this directory only while `_SUCCESS` exists; `manifest.json` lists every file with its row\n")
          .append("count, size and SHA-256.\n");
        return md.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The file pattern after {@code data/<split>}: {@code -*} as it always was for hf-parquet, with the extension for the others. */
    private static String pattern(ExportFormat format) {
        return format == ExportFormat.HF_PARQUET ? "-*" : "-*." + format.extension();
    }

    private static String description(ExportFormat format) {
        String made = "Multi-turn tool-use conversations made by Trajectory Forge: simulated episodes (an agent model talks\n"
                + "to a simulated user and calls tools of a simulated environment) and real sessions imported with `trajforge\n"
                + "ingest` (anonymized first; the `source` column says which, the Sources table below counts them);\n"
                + "deterministic checks and an optional LLM judge decide which episodes are kept.";
        return switch (format) {
            case HF_PARQUET -> made + " One row per episode. `messages` follows the OpenAI / Hugging Face chat\n"
                    + "convention (tool calls with JSON-string `arguments`, `tool` messages with `tool_call_id`); `tools` is the\n"
                    + "JSON tool list the agent was given. `judge_model` is `none` when no LLM judge ran.\n\n";
            case OPENAI_JSONL -> made + " OpenAI fine-tuning JSON Lines: one object per line with `messages`\n"
                    + "(assistant `tool_calls` with JSON-string `arguments`, `tool` messages with `tool_call_id`) and `tools`\n"
                    + "(the agent's tool definitions); `parallel_tool_calls: true` where the agent made parallel calls.\n"
                    + "Reasoning is not included.\n\n";
            case SHAREGPT -> made + " ShareGPT JSON as APIGen-MT publishes it: each file is an array of\n"
                    + "`{\"conversations\": [{\"from\", \"value\"}], \"system\", \"tools\"}` with turns from `human`, `gpt`,\n"
                    + "`function_call` (the JSON `{\"name\", \"arguments\"}`, a list for parallel calls) and `observation`;\n"
                    + "`tools` is a JSON string of the function definitions. Conversations end with the agent's last turn.\n\n";
            case DPO -> made + " Preference pairs for DPO: each row pairs an accepted (`chosen`) and a rejected\n"
                    + "(`rejected`) sample of the same task. `prompt` is the longest shared prefix of their messages that\n"
                    + "ends before an assistant turn (it always includes the system prompt and the first user message);\n"
                    + "`chosen` and `rejected` are the two continuations. Messages follow the OpenAI / Hugging Face chat\n"
                    + "convention; `tools` is the JSON tool list; `chosen_id` / `rejected_id` name the trajectories.\n\n";
        };
    }

    private static String dedup(Dedup settings, ExportResult.Duplicates removed) {
        if (!settings.enabled()) {
            return "";
        }
        StringBuilder md = new StringBuilder("Accepted episodes that repeat an earlier one are counted as `rejected: duplicate`");
        md.append(" (the first occurrence is kept): ");
        if (settings.exact()) {
            md.append(removed.exact()).append(" exact (same messages and tools)");
        }
        if (settings.near()) {
            md.append(settings.exact() ? ", " : "").append(removed.near())
              .append(String.format(Locale.ROOT, " near (MinHash Jaccard >= %s over user turns and tool calls)", settings.nearThreshold()));
        }
        return md.append(".\n\n").toString();
    }

    /** The {@code provider/model} labels per role, from the episodes' lineage ({@code judge} only where an LLM judge ran). */
    private static String models(ExportResult result) {
        StringBuilder md = new StringBuilder("## Models\n\n| role | models |\n|---|---|\n");
        for (String role : List.of("agent", "user", "judge", "tool_simulator")) {
            var labels = result.models().get(role);
            if (role.equals("tool_simulator") && (labels == null || labels.isEmpty())) continue; // no domain simulated a tool
            String shown = labels == null || labels.isEmpty() ? (role.equals("judge") ? "none (no LLM judge ran)" : "none")
                    : String.join(", ", labels.stream().map(l -> "`" + CardStats.cell(l) + "`").toList());
            md.append("| ").append(role).append(" | ").append(shown).append(" |\n");
        }
        return md.append('\n').toString();
    }

    private static String loading(ExportFormat format) {
        return switch (format) {
            case HF_PARQUET -> "```python\nimport json\nfrom datasets import load_dataset\n"
                    + "ds = load_dataset(\"parquet\", data_files={\"train\": \"data/train-*.parquet\"})[\"train\"]\n"
                    + "row = ds[0]\ntools = json.loads(row[\"tools\"])\n"
                    + "text = tokenizer.apply_chat_template(row[\"messages\"], tools=tools, tokenize=False)\n```\n\n"
                    + "```sql\nSELECT domain, count(*) FROM read_parquet('data/*.parquet') GROUP BY domain;  -- DuckDB\n```\n\n";
            case OPENAI_JSONL -> "```python\nfrom datasets import load_dataset\n"
                    + "ds = load_dataset(\"json\", data_files={\"train\": \"data/train-*.jsonl\"})[\"train\"]\n```\n\n"
                    + "Upload `data/train-*.jsonl` to the OpenAI fine-tuning API as it is (one file per shard).\n\n";
            case SHAREGPT -> "```python\nfrom datasets import load_dataset\n"
                    + "ds = load_dataset(\"json\", data_files={\"train\": \"data/train-*.json\"})[\"train\"]\n```\n\n"
                    + "For LLaMA-Factory: `\"formatting\": \"sharegpt\"` with columns `messages: conversations`, `system`, `tools`.\n\n";
            case DPO -> "```python\nfrom datasets import load_dataset\n"
                    + "ds = load_dataset(\"parquet\", data_files={\"train\": \"data/train-*.parquet\"})[\"train\"]\n"
                    + "# TRL: DPOTrainer(model, args=DPOConfig(...), train_dataset=ds, processing_class=tokenizer)\n```\n\n"
                    + "```sql\nSELECT task_id, len(prompt), len(chosen), len(rejected) FROM read_parquet('data/*.parquet');  -- DuckDB\n```\n\n";
        };
    }
}
