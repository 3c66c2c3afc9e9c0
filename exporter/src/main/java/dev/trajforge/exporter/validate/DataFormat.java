package dev.trajforge.exporter.validate;

import java.util.Arrays;
import java.util.List;

/**
 * What the files under {@code data/} hold, as {@code manifest.json}'s {@code format} names it (absent:
 * {@code hf-parquet}). Every format shares the layout, manifest and naming rules; the row rules of
 * {@code dataset-contract.md} are about {@code hf-parquet}.
 */
enum DataFormat {
    /** the contract's one-row-per-episode Parquet: every rule */
    HF_PARQUET("hf-parquet", "parquet", true),
    /** OpenAI fine-tuning JSON Lines: layout, manifest, naming, one JSON object per line */
    OPENAI_JSONL("openai-jsonl", "jsonl", true),
    /** ShareGPT: layout, manifest, naming, one JSON array per file */
    SHAREGPT("sharegpt", "json", true),
    /** preference pairs as Parquet (rows are pairs, not episodes): layout, manifest, naming, footer and ZSTD */
    DPO("dpo", "parquet", false);

    private final String wireName;
    private final String extension;
    private final boolean rowsAreEpisodes;

    DataFormat(String wireName, String extension, boolean rowsAreEpisodes) {
        this.wireName = wireName;
        this.extension = extension;
        this.rowsAreEpisodes = rowsAreEpisodes;
    }

    String wireName() {
        return wireName;
    }

    String extension() {
        return extension;
    }

    boolean rowsAreEpisodes() {
        return rowsAreEpisodes;
    }

    boolean parquet() {
        return extension.equals("parquet");
    }

    static DataFormat fromWire(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst().orElse(null);
    }

    static List<String> names() {
        return Arrays.stream(values()).map(DataFormat::wireName).toList();
    }
}
