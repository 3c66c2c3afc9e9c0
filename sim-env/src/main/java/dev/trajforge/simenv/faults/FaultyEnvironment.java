package dev.trajforge.simenv.faults;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.tools.ToolSide;
import dev.trajforge.simenv.state.StateChange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An environment that fails now and then, as its {@link FaultPlan} says: a refused call is answered with
 * the fault's error and not executed (nothing changes), a partial read is executed and its result cut
 * short or answered from the state before the episode's changes (stale). Only the first attempt of a call can fail: the same call (tool and arguments) retried goes
 * through, so an agent that retries recovers. Every injected fault is logged as
 * {@code <kind>@<tool>#<step>} (the step counts this episode's calls from 1) for the row's {@code faults}.
 */
public final class FaultyEnvironment implements Environment {
    private final Environment inner;
    private final java.util.function.Supplier<Environment> base;
    private final FaultPlan plan;
    private final Set<String> readTools;
    private final long episodeSeed;
    private final Set<String> faulted = new HashSet<>();
    private final List<String> log = new ArrayList<>();
    private int step;

    /** @param base a fresh environment of the same world (the state before this episode changed anything), for stale reads */
    public FaultyEnvironment(Environment inner, java.util.function.Supplier<Environment> base, FaultPlan plan, Set<String> readTools, long episodeSeed) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.base = Objects.requireNonNull(base, "base");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.readTools = Set.copyOf(readTools);
        this.episodeSeed = episodeSeed;
    }

    @Override
    public ToolResult execute(ToolCall call) {
        return faulty(call, inner::execute);
    }

    /** The agent's calls may fail as planned; the user's own device does not fail on purpose. */
    @Override
    public ToolResult execute(ToolCall call, ToolSide side) {
        if (side == ToolSide.USER) return inner.execute(call, side);
        return faulty(call, c -> inner.execute(c, side));
    }

    private ToolResult faulty(ToolCall call, java.util.function.Function<ToolCall, ToolResult> run) {
        step++;
        String key = call.name() + "\u0000" + call.argumentsJson();
        FaultKind kind = faulted.contains(key) ? null : plan.draw(episodeSeed, step, call.name(), readTools.contains(call.name()));
        if (kind == FaultKind.STALE && inner.changes().isEmpty()) kind = null; // nothing changed yet: a cache is as good as the truth
        if (kind == null) return run.apply(call);
        faulted.add(key);
        log.add(kind.wireName() + "@" + call.name() + "#" + step);
        if (kind.refused()) return ToolResult.error(call, kind.message());
        if (kind == FaultKind.STALE) {
            ToolResult cached = base.get().execute(call);
            ToolResult current = run.apply(call);
            if (cached.error() || cached.content().equals(current.content())) { // the cache happens to be right: no fault to see
                log.removeLast();
                faulted.remove(key);
                return current;
            }
            return ToolResult.ok(call, cached.content() + "\n" + kind.message());
        }
        ToolResult full = run.apply(call);
        if (full.error()) return full; // a read that failed on its own merits says so in full
        String content = full.content();
        return ToolResult.ok(call, content.substring(0, content.length() / 2) + "\n" + kind.message());
    }

    /** The faults injected so far, in call order. */
    public List<String> faults() {
        return List.copyOf(log);
    }

    @Override
    public List<ToolSpecification> toolSpecifications() {
        return inner.toolSpecifications();
    }

    @Override
    public List<ToolSpecification> userToolSpecifications() {
        return inner.userToolSpecifications();
    }

    @Override
    public List<StateChange> changes() {
        return inner.changes();
    }

    @Override
    public dev.trajforge.simenv.Usage toolSimulatorUsage() {
        return inner.toolSimulatorUsage();
    }

    @Override
    public String stateHash() {
        return inner.stateHash();
    }

    @Override
    public Snapshot snapshot() {
        return inner.snapshot();
    }

    @Override
    public void restore(Snapshot snapshot) {
        inner.restore(snapshot);
    }
}
