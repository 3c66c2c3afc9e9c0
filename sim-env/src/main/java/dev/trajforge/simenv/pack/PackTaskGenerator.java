package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.tools.ToolSide;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.GoldSegment;
import dev.trajforge.simenv.GoldStep;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.StateAssertion;
import dev.trajforge.simenv.Style;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.UserRequest;
import dev.trajforge.simenv.UserScenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The seeded task sequence of one pack world. Task {@code i} is drawn from its own random stream;
 * a draw whose slots come out empty, whose {@code when} is false, whose gold plan hits a tool error
 * on a private copy of the world, or that repeats an earlier task is drawn again. Every kept plan has
 * been executed: its facts come from real tool results, its argument sources from what the user says
 * and what the tools showed.
 */
final class PackTaskGenerator {
    private static final int MAX_ATTEMPTS = 300;

    private final PackDefinition pack;
    private final PackWorld world;
    private final long seed;
    private final List<Task> tasks = new ArrayList<>();
    private final Set<String> signatures = new HashSet<>();
    private final Map<String, Object> baseFunctions;

    PackTaskGenerator(PackDefinition pack, PackWorld world, long seed) {
        this.pack = pack;
        this.world = world;
        this.seed = seed;
        this.baseFunctions = Map.copyOf(StateFunctions.bindings(world.base(), pack.clock(), null, null));
    }

    synchronized int distinct(int limit) {
        try {
            first(limit);
            return limit;
        } catch (IllegalStateException exhausted) {
            return tasks.size();
        }
    }

    /**
     * The first {@code count} tasks. Drawn in batches on all cores, with the same result as one by one:
     * each index's first successful draw is found in parallel (draws of different indexes are
     * independent), then the batch is taken in index order, and an index whose draw repeats an earlier
     * task goes on drawing from its next attempt, as the sequence one by one would.
     */
    synchronized List<Task> first(int count) {
        while (tasks.size() < count) {
            int from = tasks.size();
            int batch = Math.min(count - from, BATCH);
            List<Drawn> drawn = java.util.stream.IntStream.range(from, from + batch).parallel()
                    .mapToObj(index -> firstDrawn(index, 0)).toList();
            for (Drawn candidate : drawn) tasks.add(accepted(candidate));
        }
        return List.copyOf(tasks.subList(0, count));
    }

    private static final int BATCH = 256;

    /** A task drawn at an index and the attempt that drew it (null task: every attempt came out empty). */
    private record Drawn(int index, int attempt, Task task) {
    }

    /** The first attempt from {@code attempt} on whose draw is not empty; thread-safe. */
    private Drawn firstDrawn(int index, int attempt) {
        for (int a = attempt; a < MAX_ATTEMPTS; a++) {
            SplittableRandom rng = Seeds.random(seed, pack.name(), "task", Integer.toString(index), Integer.toString(a));
            Task task = draw(index, rng);
            if (task != null) return new Drawn(index, a, task);
        }
        return new Drawn(index, MAX_ATTEMPTS, null);
    }

    /** The candidate if it is new, else the index's next new draw. */
    private Task accepted(Drawn candidate) {
        Drawn current = candidate;
        while (current.task() != null) {
            if (signatures.add(signature(current.task()))) return current.task();
            current = firstDrawn(current.index(), current.attempt() + 1);
        }
        throw new IllegalStateException(pack.name() + " world " + seed + ": no new distinct task after " + MAX_ATTEMPTS
                + " attempts at index " + candidate.index() + "; the world is too small for this many tasks");
    }

    /** One draw, or null when it must be drawn again. Thread-safe: everything it changes is its own. */
    private Task draw(int index, SplittableRandom rng) {
        TaskTemplates templates = pack.tasks();
        Map<String, Object> scope = new HashMap<>(baseFunctions);
        new SeedFunctions().seed(rng).bindInto(scope);
        for (Map.Entry<String, PackExpression> slot : templates.subject().entrySet()) {
            Object value = slot.getValue().evaluate(null, scope);
            if (PackValues.empty(value)) return null;
            scope.put(slot.getKey(), value);
        }
        List<TaskTemplates.Intent> chosen = new ArrayList<>();
        chosen.add(pick(templates.intents(), null, rng));
        boolean compound = templates.intents().size() > 1 && rng.nextDouble() < templates.compoundShare();
        // a request whose plan hands the user to a human ends the conversation: nothing can follow it
        if (compound && !handsOff(chosen.getFirst())) chosen.add(pick(templates.intents(), chosen.getFirst(), rng));

        String name = PackValues.text(templates.name().evaluate(null, scope));
        Map<String, String> known = new LinkedHashMap<>();
        templates.known().forEach((topic, template) -> known.put(topic, template.render(null, scope)));
        Draft draft = new Draft(world.newEnvironment(), known);
        for (TaskTemplates.Intent intent : chosen) {
            if (!draft.add(intent, new HashMap<>(scope))) return null;
        }
        Style style = Style.TASK_DEFAULTS.get(rng.nextInt(Style.TASK_DEFAULTS.size()));
        UserScenario scenario = new UserScenario(name, style, known, draft.requests, draft.unknown,
                ScenarioInstructions.render(name, pack.description(), known, draft.requests, draft.unknown));
        return new Task(String.format(Locale.ROOT, "%s-%d-%05d", pack.name(), seed, index), pack.name(), seed, scenario,
                draft.segments, draft.rubric, draft.basis, draft.assertions, goldStateHash(draft));
    }

    /**
     * The plan ran on a fresh copy: its end state, unless a simulated tool changed it; then the end state depends on
     * the run's simulator, and the judge replays the plan through it (its cache gives an agent that made the same
     * calls the same world).
     */
    private String goldStateHash(Draft draft) {
        boolean simulatedWrite = draft.segments.stream().flatMap(segment -> segment.steps().stream())
                .anyMatch(step -> pack.tools().simulatedWrite(step.call().name()));
        return simulatedWrite ? null : draft.env.stateHash();
    }

    private boolean handsOff(TaskTemplates.Intent intent) {
        return intent.steps().stream().anyMatch(step -> world.handoffTools().contains(step.tool()));
    }

    private static TaskTemplates.Intent pick(List<TaskTemplates.Intent> intents, TaskTemplates.Intent not, SplittableRandom rng) {
        double total = 0;
        for (TaskTemplates.Intent intent : intents) if (intent != not) total += intent.weight();
        double draw = rng.nextDouble() * total;
        TaskTemplates.Intent last = null;
        for (TaskTemplates.Intent intent : intents) {
            if (intent == not) continue;
            last = intent;
            draw -= intent.weight();
            if (draw < 0) return intent;
        }
        return last;
    }

    /** A task being drawn: its gold plan is executed step by step on a private environment as it is built. */
    private final class Draft {
        private final Environment env;
        private final Map<String, String> known;
        private final List<GoldSegment> segments = new ArrayList<>();
        private final List<UserRequest> requests = new ArrayList<>();
        private final List<String> unknown = new ArrayList<>();
        private final List<Criterion> rubric = new ArrayList<>();
        private final List<StateAssertion> assertions = new ArrayList<>();
        private final Set<RewardBasis> basis = EnumSet.noneOf(RewardBasis.class);
        private final StringBuilder results = new StringBuilder();
        private int calls;

        Draft(Environment env, Map<String, String> known) {
            this.env = env;
            this.known = known;
        }

        boolean add(TaskTemplates.Intent intent, Map<String, Object> scope) {
            for (Map.Entry<String, PackExpression> slot : intent.slots().entrySet()) {
                Object value = slot.getValue().evaluate(null, scope);
                if (PackValues.empty(value)) return false;
                scope.put(slot.getKey(), value);
            }
            if (intent.when() != null && !DeclarativeTool.truthy(intent.when().evaluate(null, scope))) return false;
            String ask = intent.ask().render(null, scope);
            Map<String, String> details = new LinkedHashMap<>();
            intent.details().forEach((topic, template) -> details.put(topic, template.render(null, scope)));
            StringBuilder userSays = new StringBuilder(ask).append('\n');
            known.values().forEach(v -> userSays.append(v).append('\n'));
            details.values().forEach(v -> userSays.append(v).append('\n'));

            List<GoldStep> steps = new ArrayList<>();
            for (TaskTemplates.Step step : intent.steps()) {
                Map<String, Object> arguments = new LinkedHashMap<>();
                step.args().forEach((argument, source) -> {
                    Object value = source instanceof PackExpression e ? e.evaluate(null, scope) : source;
                    if (value != null) arguments.put(argument, value);
                });
                ToolCall call = new ToolCall("gold-" + ++calls, step.tool(), CanonicalJson.write(PackValues.toNode(arguments)));
                Map<String, GoldStep.ArgumentSource> sources = ArgumentSources.infer(arguments, userSays, results);
                ToolResult result;
                try {
                    result = env.execute(call);
                } catch (dev.trajforge.simenv.tools.ToolSimulationException e) { // the offline world model cannot answer this step: the pack's to fix
                    throw new PackEvaluationException("intent " + intent.name() + ": the offline tool simulator cannot answer " + step.tool()
                            + " with " + call.argumentsJson() + ": " + e.getMessage()).at(step.where());
                }
                if (result.error()) return false; // e.g. the first request used up what the second needs
                results.append(result.content()).append('\n');
                if (step.as() != null) scope.put(step.as(), parsed(result.content()));
                boolean confirm = step.by() == ToolSide.USER ? false // the user acts on their own device: nobody asks them to confirm it
                        : step.confirm() != null ? step.confirm() : pack.confirmWrites() && world.writeTools().contains(step.tool());
                steps.add(new GoldStep(step.by(), call, sources, confirm));
            }
            List<String> facts = new ArrayList<>();
            for (PackExpression fact : intent.facts()) {
                String text = PackValues.text(fact.evaluate(null, scope));
                if (results.indexOf(text) < 0) {
                    throw new PackEvaluationException("fact \"" + text + "\" of intent " + intent.name() + " is in no tool result").at(fact.node());
                }
                facts.add(text);
            }
            for (TaskTemplates.Assertion assertion : intent.assertions()) {
                String expect = assertion.expect().render(null, scope);
                PackProblems problems = new PackProblems();
                if (PackExpression.compile(expect, assertion.where(), problems) == null) {
                    throw new PackEvaluationException("renders to \"" + expect + "\", which is not a valid JSONata expression").at(assertion.where());
                }
                assertions.add(new StateAssertion(assertion.collection(), PackValues.text(assertion.key().evaluate(null, scope)),
                        expect, assertion.description() == null ? null : assertion.description().render(null, scope)));
            }
            for (TaskTemplates.Rubric criterion : intent.rubric()) {
                rubric.add(new Criterion(criterion.name(), criterion.text().render(null, scope), criterion.weight()));
            }
            for (PackTemplate template : intent.unknown()) unknown.add(template.render(null, scope));
            basis.addAll(intent.rewardBasis());
            segments.add(new GoldSegment(intent.name(), steps, facts));
            requests.add(new UserRequest(intent.name(), ask, details));
            return true;
        }
    }

    private static Object parsed(String content) {
        var node = CanonicalJson.parseOrNull(content);
        return node == null ? content : PackValues.fromNode(node);
    }

    private static String signature(Task task) {
        List<Object> parts = new ArrayList<>();
        parts.add(task.scenario().name());
        for (GoldSegment segment : task.gold()) {
            parts.add(segment.intent());
            segment.actions().forEach(a -> parts.add(a.name() + a.argumentsJson()));
            parts.addAll(segment.facts());
        }
        return CanonicalJson.write(parts);
    }
}
