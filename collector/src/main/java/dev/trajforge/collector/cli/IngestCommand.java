package dev.trajforge.collector.cli;

import dev.trajforge.collector.anonymize.Anonymizer;
import dev.trajforge.collector.anonymize.AnonymizerConfig;
import dev.trajforge.collector.anonymize.Detector;
import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.SessionsConfig;
import dev.trajforge.collector.config.YamlFile;
import dev.trajforge.collector.ingest.IngestItem;
import dev.trajforge.collector.ingest.SessionJudging;
import dev.trajforge.collector.provider.FatalModelException;
import dev.trajforge.collector.provider.Providers;
import dev.trajforge.collector.ingest.SessionFormats;
import dev.trajforge.collector.ingest.SessionIngest;
import dev.trajforge.collector.ingest.TooManyRejectsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code trajforge ingest PATH... --format F --out URI}: real sessions in, anonymized, judged, exported. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Import agent sessions as a dataset: anonymized, judged without a world, exported.",
                "Reads the formats teams log. Lines that cannot become sessions go to rejects.jsonl under the output",
                "(file, line, reason). The pseudonym key comes from the environment variable TRAJFORGE_ANON_KEY (never",
                "written anywhere)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:exported", "1:more rejects than --max-reject-rate allows (nothing committed)",
                "2:bad input (unknown format, no such file, no key, a bad --config)", "3:the judge model refused the credentials (nothing committed)"})
final class IngestCommand implements Callable<Integer> {
    static final String KEY_VARIABLE = "TRAJFORGE_ANON_KEY";

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, directories or globs; .gz files are read through gzip.")
    List<String> inputs;

    @Option(names = "--format", required = true, paramLabel = "F", description = "One of: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Formats.class)
    String format;

    @Option(names = "--out", paramLabel = "URI", description = "The dataset to write (local path, file://, hdfs://, s3a://).")
    String out;

    @Option(names = "--max-reject-rate", paramLabel = "R", description = "Fail, committing nothing, when more than this share of the input is rejected (default 0.05).")
    double maxRejectRate = 0.05;

    @Option(names = "--overwrite", description = "Replace a dataset already committed at the output.")
    boolean overwrite;

    @Option(names = "--keep-rejected", description = "Also write the sessions the checks or the judge reject, as the 'rejected' split.")
    boolean keepRejected;

    @Option(names = "--dry-run", description = "Print what would be replaced (masked), per session, and write nothing.")
    boolean dryRun;

    @Option(names = "--without", split = ",", paramLabel = "DETECTOR", description = "Detectors to switch off: ${COMPLETION-CANDIDATES}.")
    List<Detector> without = List.of();

    @Option(names = "--config", paramLabel = "FILE", description = "Sessions config (YAML): the LLM judge, rubric, policy, detector switches, "
            + "region, mapping onto a domain's tools. Without it: the checks alone, every detector on.")
    Path config;

    @Option(names = "--concurrency", paramLabel = "N", description = "Sessions anonymized and judged at once (default 16).")
    int concurrency = 16;

    static final class Formats implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SessionFormats.names().iterator();
        }
    }

    @Override
    public Integer call() {
        PrintStream stdout = System.out;
        PrintStream err = System.err;
        if (!dryRun && out == null) {
            err.println("trajforge: ingest needs --out URI (or --dry-run)");
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        try {
            SessionsConfig sessions = config == null ? SessionsConfig.DEFAULT : SessionsConfig.load(config);
            AnonymizerConfig detectors;
            SessionJudging judging;
            try {
                detectors = detectors(sessions.anonymize(), without);
                judging = dryRun ? null : new SessionJudging(sessions, Providers.fromEnvironment(), 0L);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw config == null ? e : YamlFile.problem(config, e.getMessage());
            }
            Anonymizer anonymizer = new Anonymizer(detectors, Anonymizer.keyFromEnvironment(KEY_VARIABLE), sessions.anonymize().region());
            if (dryRun) return dryRun(anonymizer, stdout, err);
            SessionIngest.Options options = new SessionIngest.Options(inputs, format, out, maxRejectRate, overwrite, keepRejected, concurrency);
            SessionIngest.Outcome outcome = SessionIngest.run(options, detectors, anonymizer, judging, Clock.systemUTC().instant(),
                    r -> err.println("trajforge: rejected " + r.file() + ":" + r.line() + ": " + r.reason()));
            stdout.printf(Locale.ROOT, "ingest %s: %d sessions, %d accepted, %d rejected by the checks %s, %d not judged; %d input lines rejected %s%n",
                    format, outcome.sessions(), outcome.result().accepted(), outcome.result().rejected().values().stream().mapToLong(Long::longValue).sum(),
                    outcome.result().rejected(), outcome.result().infraFailed(), outcome.rejected().size(), outcome.rejectedByReason());
            stdout.println("  replaced by detector: " + outcome.replaced());
            stdout.println("  output: " + outcome.result().outputUri() + "  (manifest.json, rejects.jsonl, README.md, report.html, _SUCCESS)");
            stdout.println("  report: " + Summary.reportPath(outcome.result().outputUri()));
            return TrajforgeCli.EXIT_OK;
        } catch (TooManyRejectsException e) {
            err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_FAILURE;
        } catch (FatalModelException e) {
            err.println("trajforge: the judge model cannot be used: " + e.getMessage());
            return TrajforgeCli.EXIT_ABORTED;
        } catch (ConfigException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
    }

    /** The config's switches, then {@code --without} on top; a detector the config names that does not exist is an error. */
    static AnonymizerConfig detectors(SessionsConfig.Anonymize anonymize, List<Detector> without) {
        Set<Detector> enabled = EnumSet.allOf(Detector.class);
        anonymize.detectors().forEach((name, on) -> {
            Detector detector;
            try {
                detector = Detector.fromWireName(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("anonymize.detectors." + name + ": unknown detector (known: "
                        + java.util.Arrays.stream(Detector.values()).map(Detector::wireName).toList() + ")");
            }
            if (!on) enabled.remove(detector);
        });
        without.forEach(enabled::remove);
        return new AnonymizerConfig(enabled);
    }

    /** Each session's replacements, masked, as they are read; nothing is written. */
    private int dryRun(Anonymizer anonymizer, PrintStream out, PrintStream err) {
        SessionIngest.read(inputs, format, item -> {
            switch (item) {
                case IngestItem.Session session -> {
                    Anonymizer.Result result = anonymizer.anonymize(session.messages(), session.toolsJson());
                    out.println(session.origin().file() + ":" + session.origin().line() + " (" + result.replacements().size() + " replacements)");
                    for (Anonymizer.Replacement r : result.replacements()) out.println("  " + r.detector().wireName() + "  " + r.masked() + "  ->  " + r.pseudonym());
                }
                case IngestItem.Rejected r -> err.println("trajforge: rejected " + r.file() + ":" + r.line() + ": " + r.reason());
            }
        });
        return TrajforgeCli.EXIT_OK;
    }
}
