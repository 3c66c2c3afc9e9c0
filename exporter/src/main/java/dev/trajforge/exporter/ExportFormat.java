package dev.trajforge.exporter;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the files under {@code data/} hold. Every format goes through the same staging, verification,
 * {@code manifest.json}, dataset card and {@code _SUCCESS} mechanics; only the row encoding differs.
 */
public enum ExportFormat {
    /** One row per episode, the schema of {@code dataset-contract.md}: {@code data/<split>-NNNNN-of-NNNNN.parquet}. */
    HF_PARQUET("hf-parquet", "parquet", "parquet"),
    /** OpenAI fine-tuning JSON Lines, one {@code {"messages", "tools"}} object per line: {@code data/<split>-...jsonl}. */
    OPENAI_JSONL("openai-jsonl", "jsonl", "json"),
    /** ShareGPT as APIGen-MT publishes it, a JSON array of {@code {"conversations", "system", "tools"}}: {@code data/<split>-...json}. */
    SHAREGPT("sharegpt", "json", "json"),
    /** Preference pairs (prompt, chosen, rejected) from accepted and rejected samples of a task: {@code data/<split>-...parquet}. */
    DPO("dpo", "parquet", "parquet");

    private final String wireName;
    private final String extension;
    private final String builder;

    ExportFormat(String wireName, String extension, String builder) {
        this.wireName = wireName;
        this.extension = extension;
        this.builder = builder;
    }

    /** The name in configs and on the command line, such as {@code openai-jsonl}. */
    public String wireName() {
        return wireName;
    }

    /** File name extension of the data files, without the dot. */
    public String extension() {
        return extension;
    }

    /** The Hugging Face {@code datasets} builder that reads the files ({@code parquet} or {@code json}). */
    public String builder() {
        return builder;
    }

    /** Whether a data row is one episode (every format but {@link #DPO}, whose rows are pairs of episodes). */
    public boolean rowsAreEpisodes() {
        return this != DPO;
    }

    /** Every format's wire name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ExportFormat::wireName).toList();
    }

    /** @throws IllegalArgumentException naming the known formats when {@code name} is none of them */
    public static ExportFormat fromWire(String name) {
        for (ExportFormat format : values()) {
            if (format.wireName.equals(name)) {
                return format;
            }
        }
        String given = name == null ? "null" : "'" + name + "'";
        String hint = name == null ? "" : Arrays.stream(values()).filter(f -> f.wireName.equals(name.toLowerCase(Locale.ROOT).replace('_', '-')))
                .findFirst().map(f -> " (did you mean '" + f.wireName + "'?)").orElse("");
        throw new IllegalArgumentException("unknown format " + given + hint + "; known formats: " + String.join(", ", names()));
    }
}
