package dev.trajforge.collector.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.trajforge.simenv.agent.AgentErrorRates;
import dev.trajforge.exporter.Dedup;
import dev.trajforge.exporter.ExportFormat;
import dev.trajforge.exporter.report.HtmlReport;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * @param judging            how the LLM judge decides (default {@link Judging#DEFAULT})
 * @param budget             when the run stops by itself (default none)
 * @param export             what the dataset's files hold and which duplicates are removed (default {@link Export#DEFAULT})
 * @param domainPaths        folders of domain packs beside the class path's domains, each a pack folder or a folder of packs
 *                           (default none); {@link ConfigLoader} makes them absolute against the config file's folder.
 *                           Fingerprinted; left out of the canonical JSON when empty, so configs without it keep their fingerprint.
 * @param domains            several domains to mix, each with a weight or a task count ({@link DomainShare}); instead of {@code domain}
 * @param personas           persona id to weight ({@code "*"}: every persona of the catalog); one persona is drawn per episode. Empty
 *                           (the default): each task's own user plays. Both fingerprinted, left out of the canonical JSON when empty.
 * @param faults             faults the tools inject and how often the scripted agent recovers ({@link Faults}), or null for none
 * @param toolSimulator      the model answering simulated tools (imported and synthesized domains), or null for the offline
 *                           scripted world model ({@code scripted/world-model}); left out of the canonical JSON when null
 * @param toolSimulation     attempts, cache and the scripted simulator's deliberate mistakes ({@link ToolSimulationSettings}), or null
 *                           for the defaults
 * @param report             what {@code report.html} shows ({@link Report}), or null for the defaults; not fingerprinted (it changes
 *                           no row), left out of the canonical JSON when null
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
        Budget budget,
        Export export,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> domainPaths,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DomainShare> domains,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> personas,
        @JsonInclude(JsonInclude.Include.NON_NULL) Faults faults,
        @JsonInclude(JsonInclude.Include.NON_NULL) ModelSpec toolSimulator,
        @JsonInclude(JsonInclude.Include.NON_NULL) ToolSimulationSettings toolSimulation,
        @JsonInclude(JsonInclude.Include.NON_NULL) Report report) {

    public static final long DEFAULT_SEED = 0;
    public static final int DEFAULT_TRIALS = 1;
    public static final int DEFAULT_MAX_TURNS = 30;
    public static final int DEFAULT_MAX_TOOL_ERRORS = 5;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    /**
     * The {@code export:} block: the format of the dataset's files and deduplication of accepted
     * episodes (first occurrence in episode order wins; removed ones count as {@code rejected.duplicate}).
     * Part of the fingerprint: it changes the dataset (not the journal).
     *
     * @param format                 {@code hf-parquet} (default), {@code openai-jsonl}, {@code sharegpt} or {@code dpo}
     * @param dedup                  remove duplicates at all (default true); false keeps every accepted episode
     * @param nearDuplicates         also remove near-duplicates (default true), not only exact ones
     * @param nearDuplicateThreshold MinHash Jaccard estimate at or above which an episode is a near-duplicate,
     *                               in [0.5, 1] (default 0.9); 1.0 turns near-dedup off
     */
    public record Export(String format, boolean dedup, boolean nearDuplicates, double nearDuplicateThreshold) {
        public static final Export DEFAULT = new Export(ExportFormat.HF_PARQUET.wireName(), true, true, Dedup.DEFAULT_THRESHOLD);

        /** From a config file: a key left out takes its default ({@link #DEFAULT}). */
        @com.fasterxml.jackson.annotation.JsonCreator
        static Export of(@com.fasterxml.jackson.annotation.JsonProperty("format") String format,
                         @com.fasterxml.jackson.annotation.JsonProperty("dedup") Boolean dedup,
                         @com.fasterxml.jackson.annotation.JsonProperty("nearDuplicates") Boolean nearDuplicates,
                         @com.fasterxml.jackson.annotation.JsonProperty("nearDuplicateThreshold") Double nearDuplicateThreshold) {
            return new Export(format == null ? DEFAULT.format : format, dedup == null ? DEFAULT.dedup : dedup,
                    nearDuplicates == null ? DEFAULT.nearDuplicates : nearDuplicates,
                    nearDuplicateThreshold == null ? DEFAULT.nearDuplicateThreshold : nearDuplicateThreshold);
        }

        public Export {
            if (format == null) throw new IllegalArgumentException("format: must not be null (leave the key out for the default)");
            try {
                ExportFormat.fromWire(format);
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("format: " + unknown.getMessage());
            }
            if (!(nearDuplicateThreshold >= Dedup.MIN_THRESHOLD && nearDuplicateThreshold <= 1)) {
                throw new IllegalArgumentException("nearDuplicateThreshold: must be in [" + Dedup.MIN_THRESHOLD + ", 1], got "
                        + nearDuplicateThreshold);
            }
        }

        /** The exporter's format. */
        public ExportFormat exportFormat() {
            return ExportFormat.fromWire(format);
        }

        /** The exporter's dedup settings: nothing without {@code dedup}; near-dedup unless off or at threshold 1.0. */
        public Dedup deduplication() {
            if (!dedup) return Dedup.OFF;
            return new Dedup(true, nearDuplicates && nearDuplicateThreshold < 1, nearDuplicateThreshold);
        }
    }
    public static final boolean DEFAULT_KEEP_REJECTED = false;

    /**
     * The {@code report:} block: {@code sample} is how many trajectories the viewer of {@code report.html} shows, about half
     * rejected and half accepted, chosen by hashing their ids (default {@value HtmlReport#DEFAULT_SAMPLE}, at most
     * {@value HtmlReport#MAX_SAMPLE}; 0 shows none).
     */
    public record Report(Integer sample) {
        public static final Report DEFAULT = new Report(HtmlReport.DEFAULT_SAMPLE);

        public Report {
            sample = sample == null ? HtmlReport.DEFAULT_SAMPLE : sample;
            try {
                HtmlReport.requireSample(sample);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("report." + e.getMessage());
            }
        }
    }

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9._-]+");

    public RunConfig {
        if (runId == null) throw new IllegalArgumentException("runId: is required");
        if (!RUN_ID.matcher(runId).matches() || runId.equals(".") || runId.equals("..")) {
            throw new IllegalArgumentException("runId: must match [A-Za-z0-9._-]{1,64} (and not be . or ..), got \""
                    + runId + "\"");
        }
        domains = domains == null ? List.of() : List.copyOf(domains);
        personas = personas == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(personas));
        for (Map.Entry<String, Double> weight : personas.entrySet()) {
            if (weight.getValue() == null || !(weight.getValue() >= 0)) {
                throw new IllegalArgumentException("personas." + weight.getKey() + ": a weight must be a number >= 0, got " + weight.getValue());
            }
        }
        if (domain == null && domains.isEmpty()) throw new IllegalArgumentException("domain: is required (or domains, to mix several)");
        if (domain != null && !domains.isEmpty()) throw new IllegalArgumentException("domains: name one domain with 'domain' or several with 'domains', not both");
        if (domain != null && !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain: must be a domain name such as retail, got \"" + domain + "\"");
        }
        requirePositive("tasks", tasks);
        DomainShare.requireValid(domains, tasks);
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
        requireKnownScripted("agent", agent, ModelSpec.ORACLE_AGENT);
        requireKnownScripted("user", user, ModelSpec.PERSONA_USER);
        budget = budget == null ? Budget.NONE : budget;
        if (toolSimulator != null) {
            requireKnownScripted("toolSimulator", toolSimulator, ModelSpec.WORLD_MODEL);
            if (toolSimulator.errors() != null) throw new IllegalArgumentException("toolSimulator.errors: error rates apply to the scripted agent only");
        }
        if (toolSimulation != null && toolSimulation.mistakes() > 0 && toolSimulator != null && !toolSimulator.isScripted()) {
            throw new IllegalArgumentException("toolSimulation.mistakes: deliberate mistakes are the scripted simulator's; a model makes its own");
        }
        if (judging == null) throw new IllegalArgumentException("judging: must not be null (leave the key out for the default)");
        if (judge != null && judge.isScripted()) {
            throw new IllegalArgumentException("judge.provider: the rubric judge needs a model provider (openai, anthropic, ollama), not 'scripted'");
        }
        if (judge != null && judge.errors() != null) {
            throw new IllegalArgumentException("judge.errors: error rates apply to the scripted agent only");
        }
        if (export == null) throw new IllegalArgumentException("export: must not be null (leave the key out for the default)");
        if (domainPaths == null) throw new IllegalArgumentException("domainPaths: must not be null (leave the key out for none)");
        for (int i = 0; i < domainPaths.size(); i++) {
            String path = domainPaths.get(i);
            if (path == null || path.isBlank()) throw new IllegalArgumentException("domainPaths[" + i + "]: must be a folder, got " + (path == null ? "null" : "\"\""));
        }
        domainPaths = List.copyOf(domainPaths);
    }

    /** A config with the given {@code export:} block and no {@code domainPaths}. */
    public RunConfig(String runId, long seed, String domain, int tasks, int trials, int maxTurns, int maxToolErrors,
                     int concurrency, double validationFraction, String output, boolean keepRejected, ModelSpec agent,
                     ModelSpec user, ModelSpec judge, Judging judging, Budget budget, Export export) {
        this(runId, seed, domain, tasks, trials, maxTurns, maxToolErrors, concurrency, validationFraction, output,
                keepRejected, agent, user, judge, judging, budget, export, List.of(), List.of(), Map.of(), null, null, null, null);
    }

    /** A config with the default {@code export:} block. */
    public RunConfig(String runId, long seed, String domain, int tasks, int trials, int maxTurns, int maxToolErrors,
                     int concurrency, double validationFraction, String output, boolean keepRejected, ModelSpec agent,
                     ModelSpec user, ModelSpec judge, Judging judging, Budget budget) {
        this(runId, seed, domain, tasks, trials, maxTurns, maxToolErrors, concurrency, validationFraction, output,
                keepRejected, agent, user, judge, judging, budget, Export.DEFAULT);
    }

    /** A config with every optional key at its default. */
    public static RunConfig withDefaults(String runId, long seed, String domain, int tasks, String output) {
        return new RunConfig(runId, seed, domain, tasks, DEFAULT_TRIALS, DEFAULT_MAX_TURNS, DEFAULT_MAX_TOOL_ERRORS,
                defaultConcurrency(), DEFAULT_VALIDATION_FRACTION, output, DEFAULT_KEEP_REJECTED,
                ModelSpec.DEFAULT_AGENT, ModelSpec.DEFAULT_USER, null, Judging.DEFAULT, Budget.NONE, Export.DEFAULT, List.of(), List.of(), Map.of(), null, null, null, null);
    }

    /** Two episodes in flight per available processor. */
    public static int defaultConcurrency() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    /** The same run writing elsewhere (the CLI's {@code --out}); the fingerprint does not change. */
    public RunConfig withOutput(String newOutput) {
        Objects.requireNonNull(newOutput, "output");
        return new RunConfig(runId, seed, domain, tasks, trials, maxTurns, maxToolErrors, concurrency,
                validationFraction, newOutput, keepRejected, agent, user, judge, judging, budget, export, domainPaths, domains, personas, faults, toolSimulator, toolSimulation, report);
    }

    /** The same run exporting its rejected episodes too, or not (not fingerprinted: the journal is the same). */
    public RunConfig withKeepRejected(boolean keep) {
        return new RunConfig(runId, seed, domain, tasks, trials, maxTurns, maxToolErrors, concurrency,
                validationFraction, output, keep, agent, user, judge, judging, budget, export, domainPaths, domains, personas, faults, toolSimulator, toolSimulation, report);
    }

    public RunConfig withExport(Export newExport) {
        Objects.requireNonNull(newExport, "export");
        return new RunConfig(runId, seed, domain, tasks, trials, maxTurns, maxToolErrors, concurrency,
                validationFraction, output, keepRejected, agent, user, judge, judging, budget, newExport, domainPaths, domains, personas, faults, toolSimulator, toolSimulation, report);
    }

    /** The same run finding its domain packs in {@code newPaths} (as {@link ConfigLoader} makes them absolute). */
    public RunConfig withDomainPaths(List<String> newPaths) {
        return new RunConfig(runId, seed, domain, tasks, trials, maxTurns, maxToolErrors, concurrency,
                validationFraction, output, keepRejected, agent, user, judge, judging, budget, export, newPaths, domains, personas, faults, toolSimulator, toolSimulation, report);
    }

    /** How simulated tools are answered: the config's block, or the defaults. */
    public ToolSimulationSettings toolSimulationOrDefault() {
        return toolSimulation == null ? ToolSimulationSettings.DEFAULT : toolSimulation;
    }

    /** Trajectories the report's viewer shows: the config's {@code report.sample}, or the default. */
    public int reportSample() {
        return report == null ? Report.DEFAULT.sample() : report.sample();
    }

    /** The model answering simulated tools: the config's, or the scripted world model. */
    public ModelSpec toolSimulatorOrDefault() {
        return toolSimulator == null ? ModelSpec.DEFAULT_TOOL_SIMULATOR : toolSimulator;
    }

    /** The domains this run draws its tasks from: {@code domains}, or the one {@code domain} with all the tasks. */
    public List<DomainShare> shares() {
        return domains.isEmpty() ? List.of(new DomainShare(domain, 1.0, null)) : domains;
    }

    /** {@code domainPaths} as paths, for {@link dev.trajforge.simenv.Domains#discover(List)}. */
    public List<Path> domainFolders() {
        return domainPaths.stream().map(Path::of).toList();
    }

    /** Total episodes this run collects: tasks x trials. */
    public long episodes() {
        return (long) tasks * trials;
    }

    /** A scripted role plays the one scripted model there is for it; any other name is a mistake, not a new model. */
    private static void requireKnownScripted(String role, ModelSpec spec, String known) {
        if (spec.isScripted() && !spec.model().equals(known)) {
            throw new IllegalArgumentException(role + ".model: unknown scripted " + role + " model \"" + spec.model()
                    + "\" (the scripted " + role + " is " + known + "; known scripted models: " + ModelSpec.ORACLE_AGENT
                    + " for the agent, " + ModelSpec.PERSONA_USER + " for the user, " + ModelSpec.WORLD_MODEL + " for the tool simulator)");
        }
    }

    private static void requirePositive(String key, int value) {
        if (value <= 0) throw new IllegalArgumentException(key + ": must be > 0, got " + value);
    }
}
