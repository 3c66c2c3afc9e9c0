package dev.trajforge.judge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.agent.AgentPhrases;
import dev.trajforge.simenv.agent.GoldConversation;
import dev.trajforge.simenv.tools.ToolDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The contract every domain keeps, built-in or pack, over its first tasks of one seed: the gold plan
 * replayed is accepted; a do-nothing agent is rejected; one wrong argument in one write is rejected
 * by the state check; a write made without the user's confirmation is rejected where the basis asks
 * for it; the same seed gives the same state hash and the same tasks; every tool is used by some
 * task's gold plan. Nothing here knows a domain's tools or arguments: a wrong argument is chosen from
 * the call itself, avoiding those the domain's phrase file calls exact.
 */
public final class DomainContract {
    /** One clause of the contract and how the domain fared; {@code detail} names what broke it. */
    public record Clause(String name, boolean kept, String detail) {
        public Clause {
            Objects.requireNonNull(name, "name");
            detail = detail == null ? "" : detail;
        }
    }

    private final Domain domain;
    private final long seed;
    private final int tasks;

    /** @param tasks how many of the seed's tasks to replay (every tool must appear in their gold plans) */
    public DomainContract(Domain domain, long seed, int tasks) {
        this.domain = Objects.requireNonNull(domain, "domain");
        if (tasks < 1) throw new IllegalArgumentException("tasks must be >= 1, got " + tasks);
        this.seed = seed;
        this.tasks = tasks;
    }

    /** Every clause, in order; the world is built twice (the same-seed clause). */
    public List<Clause> check() {
        World world = domain.world(seed);
        List<Task> sample = world.tasks(Math.min(tasks, world.distinctTasks(tasks)));
        FilterPolicy policy = FilterPolicy.deterministic(world);
        return List.of(goldAccepted(world, sample, policy), doNothingRejected(world, sample, policy), wrongWriteRejected(world, sample, policy),
                unconfirmedWriteRejected(world, sample, policy), sameSeedSameWorld(world, sample), everyToolUsed(world, sample));
    }

    private static Clause goldAccepted(World world, List<Task> sample, FilterPolicy policy) {
        List<String> broken = new ArrayList<>();
        for (Task task : sample) {
            var trajectory = GoldConversation.of(world, task).build();
            Verdict verdict = policy.judge(trajectory, task);
            if (trajectory.numToolErrors() > 0) broken.add(task.id() + ": the gold replay hit " + trajectory.numToolErrors() + " tool error(s)");
            else if (!verdict.accepted()) broken.add(task.id() + ": " + verdict.reasons());
        }
        return clause("gold plan replayed is accepted", broken, sample.size() + " tasks");
    }

    private static Clause doNothingRejected(World world, List<Task> sample, FilterPolicy policy) {
        List<String> broken = new ArrayList<>();
        for (Task task : sample) {
            if (policy.judge(GoldConversation.of(world, task).doNothing(), task).accepted()) broken.add(task.id());
        }
        return clause("a do-nothing agent is rejected", broken, sample.size() + " tasks");
    }

    private static Clause wrongWriteRejected(World world, List<Task> sample, FilterPolicy policy) {
        AgentPhrases phrases = AgentPhrases.parse(world.domain().agentPhrases());
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Task task : sample) {
            if (task.goldSteps().stream().noneMatch(step -> step.requestor() == dev.trajforge.simenv.tools.ToolSide.AGENT
                    && world.writeTools().contains(step.call().name()))) continue; // the agent makes no write (the user's own steps aside)
            if (!task.rewardBasis().contains(RewardBasis.STATE)) continue;
            ToolCall[] spoiled = new ToolCall[1];
            var trajectory = GoldConversation.of(world, task).editFirstWrite(call -> spoiled[0] = spoil(call, phrases)).build();
            checked++;
            if (spoiled[0] == null) {
                broken.add(task.id() + ": no argument of its first write can be got wrong");
                continue;
            }
            Verdict verdict = policy.judge(trajectory, task);
            if (verdict.accepted() || !verdict.reasons().contains(StateCheck.REASON)) broken.add(task.id() + ": " + verdict.reasons());
        }
        return clause("one wrong argument in one write is rejected", broken, checked + " write tasks");
    }

    private static Clause unconfirmedWriteRejected(World world, List<Task> sample, FilterPolicy policy) {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Task task : sample) {
            if (!task.rewardBasis().contains(RewardBasis.CONFIRMATION)) continue;
            if (task.goldSteps().stream().noneMatch(dev.trajforge.simenv.GoldStep::confirm)) continue;
            checked++;
            Verdict verdict = policy.judge(GoldConversation.of(world, task).withoutConfirmation().build(), task);
            if (!verdict.reasons().equals(List.of(ConfirmationCheck.REASON))) broken.add(task.id() + ": " + verdict.reasons());
        }
        return clause("a write without confirmation is rejected where the policy asks for one", broken, checked + " tasks with confirmed writes");
    }

    private Clause sameSeedSameWorld(World world, List<Task> sample) {
        World again = domain.world(seed);
        List<String> broken = new ArrayList<>();
        if (!world.newEnvironment().stateHash().equals(again.newEnvironment().stateHash())) broken.add("the state hash differs");
        if (!sample.equals(again.tasks(sample.size()))) broken.add("the tasks differ");
        return clause("the same seed gives the same state hash and the same tasks", broken, "seed " + seed);
    }

    private static Clause everyToolUsed(World world, List<Task> sample) {
        TreeSet<String> unused = new TreeSet<>();
        for (ToolDef tool : world.tools()) unused.add(tool.name());
        for (Task task : sample) task.goldActions().forEach(call -> unused.remove(call.name()));
        return clause("every tool is used by some task's gold plan", unused.stream().map(t -> "unused: " + t).toList(), world.tools().size() + " tools");
    }

    private static Clause clause(String name, List<String> broken, String scope) {
        if (broken.isEmpty()) return new Clause(name, true, scope);
        String shown = String.join("; ", broken.subList(0, Math.min(5, broken.size())));
        return new Clause(name, false, broken.size() + " of " + scope + " break it: " + shown + (broken.size() > 5 ? "; ..." : ""));
    }

    /**
     * A wrong value, a real mistake an agent makes: the first string argument the domain does not call
     * exact gets a character more; failing that, the first string in a list argument does, or else the first integer
     * argument is one more (the next numbered entity); null when
     * the call has no such argument.
     */
    static ToolCall spoil(ToolCall call, AgentPhrases phrases) {
        ObjectNode arguments = CanonicalJson.parseObjectOrNull(call.argumentsJson());
        for (var names = arguments.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (arguments.get(name).isTextual() && !phrases.exact(name)) {
                arguments.put(name, arguments.get(name).asText() + "0");
                return new ToolCall(call.id(), call.name(), arguments.toString());
            }
        }
        for (var names = arguments.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (arguments.get(name) instanceof ArrayNode list && !list.isEmpty() && list.get(0).isTextual()) {
                list.set(0, list.get(0).asText() + "0");
                return new ToolCall(call.id(), call.name(), arguments.toString());
            }
        }
        for (var names = arguments.fieldNames(); names.hasNext(); ) { // numbered entities: the one next to it
            String name = names.next();
            if (arguments.get(name).isIntegralNumber()) {
                arguments.put(name, arguments.get(name).asLong() + 1);
                return new ToolCall(call.id(), call.name(), arguments.toString());
            }
        }
        return null;
    }
}
