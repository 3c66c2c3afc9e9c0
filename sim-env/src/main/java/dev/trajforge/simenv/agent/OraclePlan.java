package dev.trajforge.simenv.agent;

import dev.trajforge.simenv.GoldSegment;
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
    sealed interface Step permits Call, Done {
    }

    record Call(int segment, ToolCall call, boolean write, boolean handoff) implements Step {
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
        boolean handsOff = false;
        for (int s = 0; s < task.gold().size(); s++) {
            GoldSegment segment = task.gold().get(s);
            for (ToolCall call : segment.actions()) {
                boolean write = writeTools.contains(call.name());
                boolean handoff = handoffTools.contains(call.name());
                if (write) writes.add(plan.size());
                handsOff |= handoff;
                plan.add(new Call(s, call, write, handoff));
            }
            plan.add(new Done(s, segment));
        }
        this.steps = List.copyOf(plan);
        this.wrongArgumentAt = draw(rng, rates.wrongArgument(), writes);
        boolean skip = rng.nextDouble() < rates.skipStep();
        this.skipAt = skip && !writes.isEmpty() ? writes.get(rng.nextInt(writes.size())) : -1;
        this.skipFacts = skip && writes.isEmpty();
        this.noConfirmationAt = draw(rng, rates.noConfirmation(), writes);
        boolean endEarly = rng.nextDouble() < rates.endEarly() && plan.size() > 2 && !handsOff;
        this.endEarlyAt = endEarly ? 1 + rng.nextInt(plan.size() - 2) : -1;
    }

    private static int draw(SplittableRandom rng, double rate, List<Integer> candidates) {
        boolean happens = rng.nextDouble() < rate;
        return happens && !candidates.isEmpty() ? candidates.get(rng.nextInt(candidates.size())) : -1;
    }
}
