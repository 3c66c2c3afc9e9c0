package dev.trajforge.simenv.retail;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.tools.Toolkit;

import java.util.List;

/** One episode's private retail state plus the shared toolkit. */
final class RetailEnvironment implements Environment {
    private final Toolkit<RetailTools> toolkit;
    private RetailDb db;
    private RetailTools tools;

    private record DbSnapshot(RetailDb db) implements Snapshot {
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
        return toolkit.execute(tools, call);
    }

    @Override
    public String stateHash() {
        return db.stateHash();
    }

    @Override
    public Snapshot snapshot() {
        return new DbSnapshot(db.copy());
    }

    @Override
    public void restore(Snapshot snapshot) {
        if (!(snapshot instanceof DbSnapshot(RetailDb saved))) {
            throw new IllegalArgumentException("not a retail snapshot: " + snapshot);
        }
        this.db = saved.copy();
        this.tools = new RetailTools(db);
    }
}
