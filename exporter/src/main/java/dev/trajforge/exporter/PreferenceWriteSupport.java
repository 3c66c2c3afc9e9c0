package dev.trajforge.exporter;

import java.util.Map;

import static dev.trajforge.exporter.PreferenceSchema.SCHEMA;

/** Writes one {@link PreferencePair} as one row of {@link PreferenceSchema#SCHEMA}. */
final class PreferenceWriteSupport extends ParquetRows<PreferencePair> {
    PreferenceWriteSupport(Map<String, String> footer) {
        super(SCHEMA, footer);
    }

    @Override
    public void write(PreferencePair pair) {
        out.startMessage();
        list(SCHEMA, "prompt", pair.prompt(), this::message);
        list(SCHEMA, "chosen", pair.chosen(), this::message);
        list(SCHEMA, "rejected", pair.rejected(), this::message);
        string(SCHEMA, "tools", pair.toolsJson());
        string(SCHEMA, "domain", pair.domain());
        string(SCHEMA, "task_id", pair.taskId());
        string(SCHEMA, "chosen_id", pair.chosenId());
        string(SCHEMA, "rejected_id", pair.rejectedId());
        list(SCHEMA, "rejected_reasons", pair.rejectedReasons(), this::stringElement);
        out.endMessage();
    }
}
