package dev.trajforge.simenv.agent;

import dev.trajforge.simenv.GoldSegment;
import dev.trajforge.simenv.GoldStep;
import dev.trajforge.simenv.tools.ToolSide;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The oracle's script for one episode: the task's gold actions and a "done" step after each user
 * request, plus which deliberate mistakes it will make where (drawn once, from the episode's seed).
 * A plan that hands the user to a human ends there by design, so "ending early" is no mistake it can make.
 */
final class OraclePlan {
    sealed interface Step permits Call, Device, Done {
    }

    /** A call only the user can make on their own device: the agent asks them to, in words. */
    record Device(int segment, ToolCall call, java.util.Map<String, GoldStep.ArgumentSource> sources) implements Step {
    }

    /**
     * @param write   whether the tool changes the world
     * @param handoff whether the tool hands the user to a human (the conversation ends)
     * @param confirm whether the policy wants the user's yes first
     */
    record Call(int segment, ToolCall call, boolean write, boolean handoff, boolean confirm,
                java.util.Map<String, GoldStep.ArgumentSource> sources) implements Step {
        Call {
            if (write && handoff) throw new IllegalArgumentException(call.name() + " cannot both write and hand off");
        }
    }

    record Done(int segment, GoldSegment gold) implements Step {
    }

    final List<Step> steps;
    /** step indexes of the mistakes, -1 when not made */
    final int wrongArgumentAt;
    final int skipAt;
    final int noConfirmationAt;
    final int endEarlyAt;
    /** on a task without writes, "skip a step" means leaving out the facts */
    final boolean skipFacts;

    OraclePlan(Task task, Set<String> writeTools, Set<String> handoffTools, AgentErrorRates rates, SplittableRandom rng) {
        List<Step> plan = new ArrayList<>();
        List<Integer> writes = new ArrayList<>();
        List<Integer> confirmed = new ArrayList<>();
        boolean handsOff = false;
        for (int s = 0; s < task.gold().size(); s++) {
            GoldSegment segment = task.gold().get(s);
            for (GoldStep step : segment.steps()) {
                if (step.requestor() == ToolSide.USER) { // the user makes it on their side, when the agent asks
                    plan.add(new Device(s, step.call(), step.sources()));
                    continue;
                }
                ToolCall call = step.call();
                boolean write = writeTools.contains(call.name());
                boolean handoff = handoffTools.contains(call.name());
                if (write) writes.add(plan.size());
                if (step.confirm()) confirmed.add(plan.size());
                handsOff |= handoff;
                plan.add(new Call(s, call, write, handoff, step.confirm(), step.sources()));
            }
            plan.add(new Done(s, segment));
        }
        this.steps = List.copyOf(plan);
        this.wrongArgumentAt = draw(rng, rates.wrongArgument(), writes);
        boolean skip = rng.nextDouble() < rates.skipStep();
        this.skipAt = skip && !writes.isEmpty() ? writes.get(rng.nextInt(writes.size())) : -1;
        this.skipFacts = skip && writes.isEmpty();
        this.noConfirmationAt = draw(rng, rates.noConfirmation(), confirmed);
        boolean endEarly = rng.nextDouble() < rates.endEarly() && plan.size() > 2 && !handsOff;
        this.endEarlyAt = endEarly ? 1 + rng.nextInt(plan.size() - 2) : -1;
    }

    private static int draw(SplittableRandom rng, double rate, List<Integer> candidates) {
        boolean happens = rng.nextDouble() < rate;
        return happens && !candidates.isEmpty() ? candidates.get(rng.nextInt(candidates.size())) : -1;
    }
}
