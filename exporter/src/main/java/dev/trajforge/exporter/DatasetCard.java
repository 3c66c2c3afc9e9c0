package dev.trajforge.exporter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code README.md}, the dataset card: a YAML front matter with the {@code configs:} block that
 * Hugging Face {@code datasets} reads (one entry per split that has files), then a short description.
 */
final class DatasetCard {
    private static final List<String> SPLIT_ORDER = List.of(SplitAssigner.TRAIN, SplitAssigner.VALIDATION, SplitAssigner.REJECTED);

    private DatasetCard() {
    }

    static byte[] render(ExportSettings settings, Instant createdAt, ExportResult result) {
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
            md.append("    path: data/").append(split).append("-*\n");
        }
        md.append("tags:\n- trajforge\n- tool-use\n- multi-turn\n");
        md.append("---\n\n");

        md.append("# Trajectory Forge dataset `").append(settings.runId()).append("`\n\n");
        md.append("Multi-turn tool-use conversations (one row per episode) made by Trajectory Forge: an agent model\n")
          .append("talks to a simulated user and calls tools of a simulated environment; deterministic checks and an\n")
          .append("optional LLM judge decide which episodes are kept. `messages` follows the OpenAI / Hugging Face chat\n")
          .append("convention (tool calls with JSON-string `arguments`, `tool` messages with `tool_call_id`); `tools` is the\n")
          .append("JSON tool list the agent was given. `judge_model` is `none` when no LLM judge ran.\n\n");
        md.append("- run id: `").append(settings.runId()).append("`\n");
        md.append("- config sha256: `").append(settings.configSha256()).append("`\n");
        md.append("- created at: ").append(DateTimeFormatter.ISO_INSTANT.format(createdAt)).append('\n');
        md.append("- schema version: ").append(TrajectorySchema.SCHEMA_VERSION).append("\n\n");

        md.append("## Splits\n\n| split | rows | files |\n|---|---:|---:|\n");
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

        md.append("## Loading\n\n```python\nimport json\nfrom datasets import load_dataset\n")
          .append("ds = load_dataset(\"parquet\", data_files={\"train\": \"data/train-*.parquet\"})[\"train\"]\n")
          .append("row = ds[0]\ntools = json.loads(row[\"tools\"])\n")
          .append("text = tokenizer.apply_chat_template(row[\"messages\"], tools=tools, tokenize=False)\n```\n\n")
          .append("```sql\nSELECT domain, count(*) FROM read_parquet('data/*.parquet') GROUP BY domain;  -- DuckDB\n```\n\n");
        if (splits.contains(SplitAssigner.REJECTED)) {
            md.append("`data/*.parquet` includes the `rejected` split (reward 0, with `reject_reasons`); training code\n")
              .append("reads `data/train-*.parquet`.\n\n");
        }
        md
          .append("Trust this directory only while `_SUCCESS` exists; `manifest.json` lists every file with its row\n")
          .append("count, size and SHA-256.\n");
        return md.toString().getBytes(StandardCharsets.UTF_8);
    }
}
