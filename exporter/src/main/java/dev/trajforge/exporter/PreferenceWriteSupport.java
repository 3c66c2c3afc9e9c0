package dev.trajforge.exporter;

import java.util.Map;

import static dev.trajforge.exporter.PreferenceSchema.SCHEMA;

/** Writes one {@link PreferencePair} as one row of {@link PreferenceSchema#SCHEMA}. */
final class PreferenceWriteSupport extends RowWriteSupport<PreferencePair> {
    private static final Field PROMPT = Field.of(SCHEMA, "prompt");
    private static final Field CHOSEN = Field.of(SCHEMA, "chosen");
    private static final Field REJECTED = Field.of(SCHEMA, "rejected");
    private static final Field TOOLS = Field.of(SCHEMA, "tools");
    private static final Field DOMAIN = Field.of(SCHEMA, "domain");
    private static final Field TASK_ID = Field.of(SCHEMA, "task_id");
    private static final Field CHOSEN_ID = Field.of(SCHEMA, "chosen_id");
    private static final Field REJECTED_ID = Field.of(SCHEMA, "rejected_id");
    private static final Field REJECTED_REASONS = Field.of(SCHEMA, "rejected_reasons");

    PreferenceWriteSupport(Map<String, String> footer) {
        super(SCHEMA, footer);
    }

    @Override
    void writeFields(PreferencePair pair, FieldWriter out) {
        MessageFields.write(out, PROMPT, pair.prompt());
        MessageFields.write(out, CHOSEN, pair.chosen());
        MessageFields.write(out, REJECTED, pair.rejected());
        out.string(TOOLS, pair.toolsJson());
        out.string(DOMAIN, pair.domain());
        out.string(TASK_ID, pair.taskId());
        out.string(CHOSEN_ID, pair.chosenId());
        out.string(REJECTED_ID, pair.rejectedId());
        out.strings(REJECTED_REASONS, pair.rejectedReasons());
    }
}
