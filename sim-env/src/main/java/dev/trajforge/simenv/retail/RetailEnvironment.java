package dev.trajforge.simenv.retail;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.tools.Toolkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.state.StateChange;

import java.util.ArrayList;
import java.util.List;

/**
 * One episode's private retail state plus the shared toolkit. Every entity a call replaces is
 * recorded as an RFC 6902 patch (the JSON diff of the entity, by zjsonpatch) with the call.
 */
final class RetailEnvironment implements Environment {
    private final Toolkit<RetailTools> toolkit;
    private RetailDb db;
    private RetailTools tools;
    private List<StateChange> changes = new ArrayList<>();

    private record DbSnapshot(RetailDb db, List<StateChange> changes) implements Snapshot {
    }

    RetailEnvironment(Toolkit<RetailTools> toolkit, RetailDb db) {
        this.toolkit = toolkit;
        this.db = db;
        this.tools = new RetailTools(db);
    }

    @Override
    public List<ToolSpecification> toolSpecifications() {
        return toolkit.specifications();
    }

    @Override
    public ToolResult execute(ToolCall call) {
        ToolResult result = toolkit.execute(tools, call);
        List<RetailDb.Touched> touched = db.takeTouched();
        if (!touched.isEmpty()) {
            ArrayNode patch = CanonicalJson.mapper().createArrayNode();
            for (RetailDb.Touched entity : touched) {
                String prefix = "/" + entity.table() + "/" + StateChange.pointerToken(entity.key());
                JsonNode after = RetailDb.tree(entity.after());
                if (entity.before() == null) {
                    patch.addObject().put("op", "add").put("path", prefix).set("value", after);
                    continue;
                }
                for (JsonNode op : JsonDiff.asJson(entity.before(), after, DIFF_FLAGS)) {
                    ObjectNode prefixed = op.deepCopy();
                    prefixed.put("path", prefix + op.path("path").asText());
                    patch.add(prefixed);
                }
            }
            if (!patch.isEmpty()) changes.add(new StateChange(call.id(), call.name(), patch));
        }
        return result;
    }

    /** Plain add/remove/replace operations only: each applies to the one entity it names. */
    private static final java.util.EnumSet<DiffFlags> DIFF_FLAGS =
            java.util.EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

    @Override
    public List<StateChange> changes() {
        return List.copyOf(changes);
    }

    @Override
    public String stateHash() {
        return db.stateHash();
    }

    @Override
    public Snapshot snapshot() {
        return new DbSnapshot(db.copy(), List.copyOf(changes));
    }

    @Override
    public void restore(Snapshot snapshot) {
        if (!(snapshot instanceof DbSnapshot(RetailDb saved, List<StateChange> savedChanges))) {
            throw new IllegalArgumentException("not a retail snapshot: " + snapshot);
        }
        this.db = saved.copy();
        this.changes = new ArrayList<>(savedChanges);
        this.tools = new RetailTools(db);
    }
}
