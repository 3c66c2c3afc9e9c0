package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.GoldSegment;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.Style;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.UserScenario;
import dev.trajforge.simenv.tools.Toolkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The seeded sequence of retail tasks of one world. Task {@code i} is drawn from its own random
 * stream; drafts whose plan does not execute cleanly on a copy of the world, or that repeat an
 * earlier task's plan, are redrawn. Every kept plan has been executed: its facts come from real tool
 * results.
 */
final class RetailTaskGenerator {
    /** per intent of {@link RetailIntents#NAMES}, in that order; they sum to 1 */
    static final double[] INTENT_WEIGHTS = {0.14, 0.10, 0.08, 0.13, 0.14, 0.13, 0.06, 0.09, 0.07, 0.03, 0.03};
    /** reads that tell two plans apart besides the writes: a product looked at, a sum calculated, a hand-off's summary */
    private static final Set<String> DISTINGUISHING_READS = Set.of("get_product_details", "calculate", RetailTools.TRANSFER);
    private static final double COMPOUND_SHARE = 0.25;
    private static final int MAX_ATTEMPTS = 500;

    private final RetailDb db;
    private final long seed;
    private final Toolkit<RetailTools> toolkit;
    private final List<User> users = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();
    private final Set<String> signatures = new HashSet<>();

    RetailTaskGenerator(RetailDb db, long seed, Toolkit<RetailTools> toolkit) {
        this.db = db;
        this.seed = seed;
        this.toolkit = toolkit;
        db.forEachUser(users::add);
    }

    /** Distinct tasks this world yields, generating up to {@code limit}: {@code limit} when there are at least that many. */
    synchronized int distinct(int limit) {
        try {
            first(limit);
            return limit;
        } catch (IllegalStateException exhausted) {
            return tasks.size();
        }
    }

    synchronized List<Task> first(int count) {
        while (tasks.size() < count) tasks.add(next(tasks.size()));
        return List.copyOf(tasks.subList(0, count));
    }

    private Task next(int index) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            SplittableRandom rng = Seeds.random(seed, "retail", "task", Integer.toString(index), Integer.toString(attempt));
            Task task = draft(index, rng);
            if (task != null && signatures.add(signature(task))) return task;
        }
        throw new IllegalStateException("retail world " + seed + ": no new distinct task after " + MAX_ATTEMPTS
                + " attempts at index " + index + "; the world is too small for this many tasks");
    }

    private Task draft(int index, SplittableRandom rng) {
        User user = users.get(rng.nextInt(users.size()));
        TaskDraft d = new TaskDraft(rng, user, db);
        String first = RetailIntents.NAMES.get(weighted(rng));
        if (!RetailIntents.apply(first, d)) return null;
        if (rng.nextDouble() < COMPOUND_SHARE && !RetailIntents.ENDING.contains(first)) {
            List<String> others = RetailIntents.NAMES.stream().filter(intent -> !intent.equals(first)).toList();
            if (!RetailIntents.apply(others.get(rng.nextInt(others.size())), d)) return null;
        }
        Style style = Style.TASK_DEFAULTS.get(rng.nextInt(Style.TASK_DEFAULTS.size()));
        String instructions = RetailInstructions.render(user.name().full(), d);
        UserScenario scenario = new UserScenario(user.name().full(), style, d.knownInfo, d.requests, d.unknownInfo, instructions);
        Task task = new Task(String.format(Locale.ROOT, "retail-%d-%05d", seed, index), "retail", seed, scenario, d.segments, d.rubric, d.basis);
        return executesCleanly(task) ? task : null;
    }

    /** Replays the plan on a private copy: no tool may refuse, and every fact must appear in a tool result. */
    private boolean executesCleanly(Task task) {
        RetailTools tools = new RetailTools(db.copy());
        StringBuilder seen = new StringBuilder();
        for (ToolCall call : task.goldActions()) {
            ToolResult result = toolkit.execute(tools, call);
            if (result.error()) return false; // e.g. the first request spent the gift card balance the second needs
            seen.append(result.content()).append('\n');
        }
        for (String fact : task.requiredFacts()) {
            if (seen.indexOf(fact) < 0) throw new IllegalStateException("task " + task.id() + ": fact " + fact + " is in no tool result");
        }
        return true;
    }

    private static String signature(Task task) {
        List<Object> parts = new ArrayList<>();
        for (GoldSegment segment : task.gold()) {
            parts.add(segment.intent());
            segment.actions().stream().filter(a -> RetailTools.WRITES.contains(a.name()) || DISTINGUISHING_READS.contains(a.name()))
                    .forEach(a -> parts.add(a.name() + a.argumentsJson()));
            parts.addAll(segment.facts());
        }
        return task.scenario().name() + CanonicalJson.write(parts);
    }

    private static int weighted(SplittableRandom rng) {
        double draw = rng.nextDouble();
        for (int i = 0; i < INTENT_WEIGHTS.length; i++) {
            draw -= INTENT_WEIGHTS[i];
            if (draw < 0) return i;
        }
        return INTENT_WEIGHTS.length - 1;
    }
}
