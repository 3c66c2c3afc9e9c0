package dev.trajforge.collector.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One collection run, as read from YAML by {@link ConfigLoader} (which fills in the defaults below
 * for absent keys before this record is built).
 *
 * @param runId              run name, {@code [A-Za-z0-9._-]{1,64}}; part of every trajectory id
 * @param seed               run seed every world, task and episode seed derives from (default 0)
 * @param domain             simulated domain, such as {@code retail}
 * @param tasks              number of tasks generated from the seeded world, > 0
 * @param trials             samples per task, > 0 (default 1)
 * @param maxTurns           agent turns (assistant messages) before the episode ends as max_turns, > 0 (default 30)
 * @param maxToolErrors      tool errors before the episode ends as too_many_tool_errors, > 0 (default 5)
 * @param concurrency        episodes in flight, > 0; does not change results (default 2 x available processors)
 * @param validationFraction share of tasks held out as the validation split, in [0, 1) (default 0.1)
 * @param output             output directory: a local path or a Hadoop URI ({@code file://}, {@code hdfs://}, {@code s3a://})
 * @param keepRejected       also export the trajectories the filter rejects (default false)
 * @param agent              the agent model (default: scripted/oracle-agent with {@link AgentErrorRates#DEFAULT})
 * @param user               the user simulator (default: scripted/persona-user)
 * @param judge              the LLM rubric judge, or null for deterministic checks only (default null)
 */
public record RunConfig(
        String runId,
        long seed,
        String domain,
        int tasks,
        int trials,
        int maxTurns,
        int maxToolErrors,
        int concurrency,
        double validationFraction,
        String output,
        boolean keepRejected,
        ModelSpec agent,
        ModelSpec user,
        ModelSpec judge,
        Judging judging,
        Budget budget) {

    public static final long DEFAULT_SEED = 0;
    public static final int DEFAULT_TRIALS = 1;
    public static final int DEFAULT_MAX_TURNS = 30;
    public static final int DEFAULT_MAX_TOOL_ERRORS = 5;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    public static final boolean DEFAULT_KEEP_REJECTED = false;

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9._-]+");

    public RunConfig {
        if (runId == null) throw new IllegalArgumentException("runId: is required");
        if (!RUN_ID.matcher(runId).matches() || runId.equals(".") || runId.equals("..")) {
            throw new IllegalArgumentException("runId: must match [A-Za-z0-9._-]{1,64} (and not be . or ..), got \""
                    + runId + "\"");
        }
        if (domain == null) throw new IllegalArgumentException("domain: is required");
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain: must be a domain name such as retail, got \"" + domain + "\"");
        }
        requirePositive("tasks", tasks);
        requirePositive("trials", trials);
        requirePositive("maxTurns", maxTurns);
        requirePositive("maxToolErrors", maxToolErrors);
        requirePositive("concurrency", concurrency);
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction: must be in [0, 1), got " + validationFraction);
        }
        if (output == null) throw new IllegalArgumentException("output: is required");
        if (output.isBlank()) throw new IllegalArgumentException("output: must not be blank");
        if (agent == null) throw new IllegalArgumentException("agent: must not be null (leave the key out for the default)");
        if (user == null) throw new IllegalArgumentException("user: must not be null (leave the key out for the default)");
        if (user.errors() != null) {
            throw new IllegalArgumentException("user.errors: error rates apply to the scripted agent only");
        }
        budget = budget == null ? Budget.NONE : budget;
        if (judging == null) throw new IllegalArgumentException("judging: must not be null (leave the key out for the default)");
        if (judge != null && judge.errors() != null) {
            throw new IllegalArgumentException("judge.errors: error rates apply to the scripted agent only");
        }
    }

    /** A config with every optional key at its default. */
    public static RunConfig withDefaults(String runId, long seed, String domain, int tasks, String output) {
        return new RunConfig(runId, seed, domain, tasks, DEFAULT_TRIALS, DEFAULT_MAX_TURNS, DEFAULT_MAX_TOOL_ERRORS,
                defaultConcurrency(), DEFAULT_VALIDATION_FRACTION, output, DEFAULT_KEEP_REJECTED,
                ModelSpec.DEFAULT_AGENT, ModelSpec.DEFAULT_USER, null, Judging.DEFAULT, Budget.NONE);
    }

    /** Two episodes in flight per available processor. */
    public static int defaultConcurrency() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    /** The same run writing elsewhere (the CLI's {@code --out}); the fingerprint does not change. */
    public RunConfig withOutput(String newOutput) {
        Objects.requireNonNull(newOutput, "output");
        return new RunConfig(runId, seed, domain, tasks, trials, maxTurns, maxToolErrors, concurrency,
                validationFraction, newOutput, keepRejected, agent, user, judge, judging, budget);
    }

    /** Total episodes this run collects: tasks x trials. */
    public long episodes() {
        return (long) tasks * trials;
    }

    private static void requirePositive(String key, int value) {
        if (value <= 0) throw new IllegalArgumentException(key + ": must be > 0, got " + value);
    }
}
