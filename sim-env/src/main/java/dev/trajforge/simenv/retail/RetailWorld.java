package dev.trajforge.simenv.retail;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.tools.ToolDef;
import dev.trajforge.simenv.tools.ToolSchemaJson;
import dev.trajforge.simenv.tools.Toolkit;

import java.util.List;
import java.util.Set;

/** A seeded retail world: the base database every episode copies, and its task sequence. */
final class RetailWorld implements World {
    private final RetailDomain domain;
    private final long seed;
    private final RetailDb base;
    private final Toolkit<RetailTools> toolkit;
    private final String toolsJson;
    private final RetailTaskGenerator tasks;
    private final Set<String> writeTools;
    private final Set<String> handoffTools;

    RetailWorld(RetailDomain domain, long seed, int users, Toolkit<RetailTools> toolkit) {
        this.domain = domain;
        this.seed = seed;
        this.base = RetailWorldGenerator.generate(seed, users);
        this.toolkit = toolkit;
        this.toolsJson = ToolSchemaJson.toOpenAiJson(toolkit.specifications());
        this.tasks = new RetailTaskGenerator(base, seed, toolkit);
        this.writeTools = World.super.writeTools(); // computed once: judges and agents ask per episode
        this.handoffTools = World.super.handoffTools();
    }

    @Override
    public Domain domain() {
        return domain;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Environment newEnvironment() {
        return new RetailEnvironment(toolkit, base.copy());
    }

    @Override
    public List<Task> tasks(int count) {
        if (count < 0) throw new IllegalArgumentException("task count must be >= 0, got " + count);
        return tasks.first(count);
    }

    @Override
    public List<ToolSpecification> toolSpecifications() {
        return toolkit.specifications();
    }

    @Override
    public String toolsJson() {
        return toolsJson;
    }

    @Override
    public List<ToolDef> tools() {
        return toolkit.definitions();
    }

    @Override
    public Set<String> writeTools() {
        return writeTools;
    }

    @Override
    public Set<String> handoffTools() {
        return handoffTools;
    }

    @Override
    public String stateHashAfter(List<dev.trajforge.simenv.state.StateChange> changes) {
        return base.stateHashAfter(changes);
    }

    @Override
    public int distinctTasks(int limit) {
        return tasks.distinct(limit);
    }

    RetailDb base() {
        return base;
    }
}
