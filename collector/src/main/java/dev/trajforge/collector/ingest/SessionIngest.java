package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.collector.anonymize.Anonymizer;
import dev.trajforge.collector.anonymize.Detector;
import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.ExportException;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.ExportResult;
import dev.trajforge.exporter.ExportSettings;
import dev.trajforge.exporter.RewardCheck;
import dev.trajforge.exporter.UsageTotals;
import dev.trajforge.judge.FilterPolicy;
import dev.trajforge.judge.Verdict;
import dev.trajforge.simenv.Hashing;
import org.apache.hadoop.conf.Configuration;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code trajforge ingest}: sessions in the formats teams log, read from files (directories, globs,
 * {@code .gz}), anonymized before anything is written, judged without a world (termination, tool use)
 * and exported as a dataset like a simulated run's. A line or session that cannot become a trajectory
 * is not lost: it goes to {@code rejects.jsonl} with its file, line and reason (never its content), and
 * the manifest counts rejects by reason and replacements by detector (never the values). Too many
 * rejects ({@code maxRejectRate}) fail the import before anything is committed.
 */
public final class SessionIngest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to import and where; {@code validationFraction} of the sessions go to the validation split. */
    public record Options(List<String> inputs, String format, String output, double maxRejectRate, boolean overwrite, double validationFraction) {
        public Options {
            inputs = List.copyOf(inputs);
            if (inputs.isEmpty()) throw new IllegalArgumentException("ingest: name at least one input file, directory or glob");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(output, "output");
            if (!(maxRejectRate >= 0 && maxRejectRate <= 1)) throw new IllegalArgumentException("--max-reject-rate must be in [0,1], got " + maxRejectRate);
        }
    }

    /** The sessions read and the lines set aside, before anything is judged or written. */
    public record Read(List<IngestItem.Session> sessions, List<IngestItem.Rejected> rejected, String inputSha256) {
        public double rejectRate() {
            long all = sessions.size() + rejected.size();
            return all == 0 ? 0 : (double) rejected.size() / all;
        }

        public Map<String, Long> rejectedByReason() {
            Map<String, Long> counts = new TreeMap<>();
            for (IngestItem.Rejected r : rejected) counts.merge(reasonKind(r.reason()), 1L, Long::sum);
            return counts;
        }
    }

    /** What an import wrote. */
    public record Outcome(Read read, ExportResult result, Map<Detector, Long> replaced) {
    }

    private SessionIngest() {
    }

    /** Reads every input with the format; the SHA-256 of the inputs' bytes fingerprints the import. */
    public static Read read(List<String> inputs, String formatName) {
        SessionFormat format = SessionFormats.byName(formatName);
        List<IngestItem.Session> sessions = new ArrayList<>();
        List<IngestItem.Rejected> rejected = new ArrayList<>();
        MessageDigest inputs256 = Hashing.sha256();
        for (Path file : IngestInputs.expand(inputs)) {
            inputs256.update(file.toString().getBytes(StandardCharsets.UTF_8));
            inputs256.update((byte) 0);
            try (BufferedReader in = IngestInputs.open(file)) {
                format.read(file.toString(), in, item -> {
                    switch (item) {
                        case IngestItem.Session s -> sessions.add(s);
                        case IngestItem.Rejected r -> rejected.add(new IngestItem.Rejected(r.file(), r.line(), r.format(), safeReason(r.reason())));
                    }
                });
                inputs256.update(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new Read(List.copyOf(sessions), List.copyOf(rejected), HexFormat.of().formatHex(inputs256.digest()));
    }

    /** Anonymizes, judges and exports what {@link #read} found; fails before writing when the reject rate is over the bound. */
    public static Outcome export(Read read, Options options, dev.trajforge.collector.anonymize.AnonymizerConfig detectors, Anonymizer anonymizer,
                                 Instant now) {
        if (read.rejectRate() > options.maxRejectRate()) {
            throw new TooManyRejectsException(read);
        }
        // what decides the rows: the format, the inputs' bytes and the detectors on (never the key)
        String fingerprint = Hashing.sha256Hex(String.join("\u0000", options.format(), read.inputSha256(),
                detectors.enabled().stream().map(Detector::wireName).sorted().toList().toString()));
        String runId = "ingest-" + fingerprint.substring(0, 12);
        SessionTrajectories trajectories = new SessionTrajectories(runId, fingerprint, anonymizer);
        FilterPolicy policy = FilterPolicy.withoutWorld();
        Map<Detector, Long> replaced = new EnumMap<>(Detector.class);
        Map<String, Map<String, Integer>> audit = new TreeMap<>();
        ExportSettings settings = ExportSettings.of(options.output(), runId, fingerprint, options.validationFraction(), false)
                .withOverwrite(options.overwrite());
        try (DatasetExport export = DatasetExport.open(settings, new Configuration())) {
            for (IngestItem.Session session : read.sessions()) {
                SessionTrajectories.Imported imported = trajectories.of(session);
                imported.audit().forEach((detector, count) -> replaced.merge(detector, (long) count, Long::sum));
                Map<String, Integer> perSession = new TreeMap<>();
                imported.audit().forEach((detector, count) -> perSession.put(detector.wireName(), count));
                audit.put(imported.trajectory().id(), perSession);
                export.write(record(imported, policy.judge(imported.trajectory(), imported.task())));
            }
            export.attachRejects(rejectsJsonl(read.rejected()));
            Map<String, Object> metrics = new TreeMap<>();
            metrics.put("ingest_sessions", read.sessions().size());
            metrics.put("ingest_rejected_lines", read.rejectedByReason());
            Map<String, Long> byDetector = new TreeMap<>();
            replaced.forEach((detector, count) -> byDetector.put(detector.wireName(), count));
            metrics.put("anonymized_by_detector", byDetector);
            metrics.put("anonymized_by_session", audit);
            return new Outcome(read, export.commit(now, UsageTotals.none(), metrics), replaced);
        } catch (ExportException e) {
            throw new IllegalStateException(options.output() + ": " + e.getMessage(), e);
        }
    }

    private static ExportRecord record(SessionTrajectories.Imported imported, Verdict verdict) {
        List<RewardCheck> checks = new ArrayList<>();
        verdict.checks().forEach(check -> checks.add(RewardCheck.deterministic(check.check(), check.passed())));
        return switch (verdict.status()) {
            case ACCEPTED -> ExportRecord.accepted(imported.trajectory(), verdict.reward(), verdict.judgeScore(), verdict.judgeRationale(),
                    verdict.judgeModel()).withChecks(checks).withIntents(List.of(SessionTrajectories.DOMAIN));
            case REJECTED -> ExportRecord.rejected(imported.trajectory(), verdict.judgeScore(), verdict.judgeRationale(), verdict.judgeModel(),
                    verdict.reasons()).withChecks(checks).withIntents(List.of(SessionTrajectories.DOMAIN));
            case INFRA_FAILED, JUDGE_FAILED -> ExportRecord.infraFailed(imported.trajectory()); // a judge failure is never a verdict
        };
    }

    /** One line per reject: file, line, format and reason (never the line's content). */
    static byte[] rejectsJsonl(List<IngestItem.Rejected> rejected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (IngestItem.Rejected r : rejected) {
            ObjectNode line = JSON.createObjectNode().put("file", r.file()).put("line", r.line()).put("format", r.format()).put("reason", r.reason());
            out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /**
     * A reason as it may be written: a parser's message can quote the input it choked on (personal
     * data, before anonymization), so for unparsable input only the kind of failure is kept.
     */
    static String safeReason(String reason) {
        if (reason.startsWith("bad JSON")) return "bad JSON";
        return reason.length() <= 200 ? reason : reason.substring(0, 197) + "...";
    }

    /** The kind of a reject, for counting: the reason up to its first quoted detail. */
    static String reasonKind(String reason) {
        int quote = reason.indexOf('\'');
        int colon = reason.indexOf(':');
        int cut = quote < 0 ? colon : colon < 0 ? quote : Math.min(quote, colon);
        return (cut < 0 ? reason : reason.substring(0, cut)).strip();
    }
}
