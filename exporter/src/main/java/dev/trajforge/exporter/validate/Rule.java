package dev.trajforge.exporter.validate;

import java.util.Locale;

/** The rules of {@code dataset-contract.md} that {@link DatasetValidator} checks; {@link #id()} is stable. */
public enum Rule {
    SUCCESS_MARKER("_SUCCESS exists (written last; readers trust the directory only with it)"),
    TEMPORARY_LEFTOVER("nothing is left under _temporary/"),
    MANIFEST_KEYS("manifest.json parses and has every contract key with the right type (and a known format, if it names one)"),
    MANIFEST_COUNTS("episodes = accepted + sum(rejected) + infra_failed; train+validation rows = accepted; splits match the files"),
    MANIFEST_FILES("every listed file exists with its row count, byte size and SHA-256; every data/*.parquet is listed"),
    FILE_NAMING("data/ holds only <split>-<index:05d>-of-<count:05d>.<ext> with indices 0..count-1 and one count per split"),
    DATASET_CARD("README.md has a configs: YAML header listing exactly the splits that have files"),
    FILE_READABLE("every data file parses in its format (a Parquet footer and rows; JSON Lines; a JSON array)"),
    SCHEMA("the Parquet schema is the contract's (types, nullability, 3-level lists)"),
    FOOTER_METADATA("footer trajforge.schema_version, trajforge.run_id, trajforge.config_sha256 match the manifest"),
    COMPRESSION("every column chunk is ZSTD-compressed"),
    ROLES_ORDER("the first message is system; roles are system, user, assistant or tool"),
    MESSAGE_FIELDS("content is null only on assistant messages with tool calls; tool calls only on assistant, tool_call_id and name only on tool messages; call type is function"),
    TOOL_CALL_PAIRING("each assistant's tool calls are answered right after it, one tool message per call in call order, with the call's id and name"),
    ARGUMENTS_JSON("every tool call's arguments is a JSON object serialized as a string"),
    TOOLS_JSON("tools is a JSON array of {\"type\":\"function\",\"function\":{\"name\":...}}"),
    REWARD_CONSISTENCY("train/validation rows: reward 1.0 and no reject_reasons; rejected rows: reward 0 and at least one reason"),
    REWARD_CHECKS("reward_checks (schema_version 2): names non-blank and unique, scores in [0,1]; train/validation rows passed every check"),
    SPLIT_LEAK("no task_id is in both train and validation"),
    ROW_LINEAGE("run_id is the manifest's (or one of its source_runs) and schema_version matches it; id is the hash of run id, task id and trial"),
    ROW_VALUES("source is simulated or session (a session with its origin); judge_score is null or in [0,1]; num_turns and num_tool_calls match the messages");

    private final String description;

    Rule(String description) {
        this.description = description;
    }

    /** The rule's stable id, e.g. {@code tool_call_pairing}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }
}
