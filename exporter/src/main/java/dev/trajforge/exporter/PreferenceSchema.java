package dev.trajforge.exporter;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

import static dev.trajforge.exporter.TrajectorySchema.ELEMENT;
import static dev.trajforge.exporter.TrajectorySchema.MESSAGE;
import static dev.trajforge.exporter.TrajectorySchema.list;
import static dev.trajforge.exporter.TrajectorySchema.string;
import static org.apache.parquet.schema.Type.Repetition.REQUIRED;

/**
 * The Parquet schema of the {@code dpo} format, one row per preference pair, in the conversational
 * layout TRL's {@code DPOTrainer} reads: {@code prompt}, {@code chosen} and {@code rejected} are lists
 * of the contract's message struct (the shared prefix, then each side's continuation, which starts
 * with an assistant message). {@code tools} is the JSON tool list the agent was given; the ids point
 * back at the two trajectories.
 */
final class PreferenceSchema {
    static final String FOOTER_FORMAT = "trajforge.format";

    static final MessageType SCHEMA = Types.buildMessage()
            .addField(list(REQUIRED, MESSAGE, "prompt"))
            .addField(list(REQUIRED, MESSAGE, "chosen"))
            .addField(list(REQUIRED, MESSAGE, "rejected"))
            .addField(string(REQUIRED, "tools"))
            .addField(string(REQUIRED, "domain"))
            .addField(string(REQUIRED, "task_id"))
            .addField(string(REQUIRED, "chosen_id"))
            .addField(string(REQUIRED, "rejected_id"))
            .addField(list(REQUIRED, string(REQUIRED, ELEMENT), "rejected_reasons"))
            .named("preference_pair");

    private PreferenceSchema() {
    }
}
