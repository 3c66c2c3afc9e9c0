package dev.trajforge.exporter;

/** Writes one {@link PreferencePair} as one row of {@link PreferenceSchema#SCHEMA}. */
final class PreferenceRows implements ShreddedRows<PreferencePair> {
    private final Leaves leaves = new Leaves(PreferenceSchema.SCHEMA);
    private final ListLeaves.Messages prompt = new ListLeaves.Messages(leaves, "prompt");
    private final ListLeaves.Messages chosen = new ListLeaves.Messages(leaves, "chosen");
    private final ListLeaves.Messages rejected = new ListLeaves.Messages(leaves, "rejected");
    private final Leaves.Leaf tools = leaves.of("tools");
    private final Leaves.Leaf domain = leaves.of("domain");
    private final Leaves.Leaf taskId = leaves.of("task_id");
    private final Leaves.Leaf chosenId = leaves.of("chosen_id");
    private final Leaves.Leaf rejectedId = leaves.of("rejected_id");
    private final ListLeaves.Strings rejectedReasons = new ListLeaves.Strings(leaves, "rejected_reasons");

    @Override
    public Leaves leaves() {
        return leaves;
    }

    @Override
    public void write(PreferencePair pair) {
        prompt.write(pair.prompt());
        chosen.write(pair.chosen());
        rejected.write(pair.rejected());
        tools.string(pair.toolsJson());
        domain.string(pair.domain());
        taskId.string(pair.taskId());
        chosenId.string(pair.chosenId());
        rejectedId.string(pair.rejectedId());
        rejectedReasons.write(pair.rejectedReasons());
    }
}
