package dev.trajforge.collector.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * How imported sessions are anonymized and judged ({@code trajforge ingest --config} and
 * {@code trajforge judge --config}); every key is optional. Read with {@link #load}.
 *
 * @param judge              the LLM rubric judge (a run config's model spec; never scripted), or null for the checks alone
 * @param judging            how the judge decides (default {@link Judging#DEFAULT})
 * @param rubric             a product team's rubric file (criteria: name, text, weight), or null for the default support rubric
 * @param policy             the product's policy as the judge should read it (a Markdown file), or null for the default
 * @param anonymize          detector switches and the default phone region
 * @param mapping            sessions mapped onto a built-in domain's tools for a stricter check, or null
 * @param validationFraction share of the sessions held out as the validation split (default 0.1)
 * @param export             the files' format and dedup, as a run config's {@code export} (default: hf-parquet, exact and near dedup)
 * @param report             what {@code report.html} shows, as a run config's {@code report} (default: a sample of 50 trajectories)
 */
public record SessionsConfig(ModelSpec judge, Judging judging, String rubric, String policy, Anonymize anonymize, Mapping mapping,
                             Double validationFraction, RunConfig.Export export, RunConfig.Report report) {
    public static final SessionsConfig DEFAULT = new SessionsConfig(null, null, null, null, null, null, null, null, null);

    public SessionsConfig {
        if (judge != null && judge.isScripted()) throw new IllegalArgumentException("judge: a scripted judge cannot judge real sessions; name a provider");
        judging = judging == null ? Judging.DEFAULT : judging;
        anonymize = anonymize == null ? Anonymize.DEFAULT : anonymize;
        validationFraction = validationFraction == null ? 0.1 : validationFraction;
        export = export == null ? RunConfig.Export.DEFAULT : export;
        report = report == null ? RunConfig.Report.DEFAULT : report;
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction: must be in [0, 1), got " + validationFraction);
        }
    }

    /**
     * Which detectors run ({@code detectors: {person_name: false}}; a detector not named stays on) and the
     * region national phone numbers are read in (default {@code US}).
     */
    public record Anonymize(String region, Map<String, Boolean> detectors) {
        public static final Anonymize DEFAULT = new Anonymize(null, null);

        public Anonymize {
            region = region == null ? "US" : region;
            if (!region.matches("[A-Z]{2}")) throw new IllegalArgumentException("region: expected a two-letter region code such as US or DE, got '" + region + "'");
            detectors = detectors == null ? Map.of() : new TreeMap<>(detectors);
            for (Map.Entry<String, Boolean> entry : detectors.entrySet()) {
                if (entry.getValue() == null) throw new IllegalArgumentException("detectors." + entry.getKey() + ": expected true or false");
            }
            detectors = Map.copyOf(detectors);
        }
    }

    /**
     * Sessions whose tools are a built-in domain's: {@code tools} renames a session's tool to the domain's
     * (a tool not named must carry the domain tool's own name).
     */
    public record Mapping(String domain, Map<String, String> tools) {
        public Mapping {
            if (domain == null || domain.isBlank()) throw new IllegalArgumentException("domain: is required");
            tools = tools == null ? Map.of() : Map.copyOf(tools);
        }
    }

    /** Reads {@code file}; {@code rubric} and {@code policy} are made absolute against the file's folder. */
    public static SessionsConfig load(Path file) {
        SessionsConfig config = YamlFile.read(file, SessionsConfig.class);
        Path base = file.toAbsolutePath().getParent();
        return new SessionsConfig(config.judge(), config.judging(), resolve(base, config.rubric()), resolve(base, config.policy()),
                config.anonymize(), config.mapping(), config.validationFraction(), config.export(), config.report());
    }

    private static String resolve(Path base, String path) {
        return path == null ? null : base.resolve(path).normalize().toString();
    }
}
