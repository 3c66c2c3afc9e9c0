package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.collector.anonymize.Anonymizer;
import dev.trajforge.collector.anonymize.AnonymizerConfig;
import dev.trajforge.collector.anonymize.Detector;
import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.DedupFingerprint;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.ExportException;
import dev.trajforge.exporter.ExportResult;
import dev.trajforge.exporter.ExportSettings;
import dev.trajforge.exporter.validate.StoredRows;
import dev.trajforge.simenv.Hashing;
import org.apache.hadoop.conf.Configuration;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code trajforge ingest}: sessions in the formats teams log, read from files (directories, globs,
 * {@code .gz}), anonymized before anything is written, judged ({@link SessionJudging}) and exported as a
 * dataset like a simulated run's. The input streams through: one session at a time is read, then
 * anonymized and judged on virtual threads (a bounded window, results taken in input order so the rows
 * are the same on every run), where what dedup compares is computed too, and written; only the rejects'
 * positions are held. A line or session that
 * cannot become a trajectory is not lost: it goes to {@code rejects.jsonl} with its file, line and reason
 * (never its content), and the manifest counts rejects by reason and replacements by detector (never the
 * values). Too many rejects ({@code maxRejectRate}) fail the import before anything is committed.
 */
public final class SessionIngest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to import and where; {@code concurrency} sessions are anonymized and judged at once. */
    public record Options(List<String> inputs, String format, String output, double maxRejectRate, boolean overwrite, boolean keepRejected,
                          int concurrency) {
        public Options {
            inputs = List.copyOf(inputs);
            if (inputs.isEmpty()) throw new IllegalArgumentException("ingest: name at least one input file, directory or glob");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(output, "output");
            if (!(maxRejectRate >= 0 && maxRejectRate <= 1)) throw new IllegalArgumentException("--max-reject-rate must be in [0,1], got " + maxRejectRate);
            if (concurrency < 1) throw new IllegalArgumentException("--concurrency must be >= 1, got " + concurrency);
        }
    }

    /** What an import read and wrote. */
    public record Outcome(long sessions, List<IngestItem.Rejected> rejected, ExportResult result, Map<Detector, Long> replaced) {
        public double rejectRate() {
            return rejectRate(sessions, rejected.size());
        }

        public Map<String, Long> rejectedByReason() {
            return byReason(rejected);
        }

        static double rejectRate(long sessions, long rejected) {
            long all = sessions + rejected;
            return all == 0 ? 0 : (double) rejected / all;
        }
    }

    private SessionIngest() {
    }

    /**
     * Reads, anonymizes, judges and exports; fails before committing when the reject rate is over the bound
     * ({@link TooManyRejectsException}). {@code rejectedOut} hears of every reject as it is found.
     */
    public static Outcome run(Options options, AnonymizerConfig detectors, Anonymizer anonymizer, SessionJudging judging, Instant now,
                              Consumer<IngestItem.Rejected> rejectedOut) {
        SessionFormat format = SessionFormats.byName(options.format());
        List<Path> files = IngestInputs.expand(options.inputs());
        // what decides the rows: the format, the inputs' bytes, the detectors on and how sessions are judged (never the key)
        String fingerprint = Hashing.sha256Hex(String.join("\u0000", options.format(), inputsSha256(files),
                detectors.enabled().stream().map(Detector::wireName).sorted().toList().toString(), judging.fingerprint(),
                judging.config().export().toString(), Double.toString(judging.config().validationFraction())));
        String runId = "ingest-" + fingerprint.substring(0, 12);
        if (judging.judgeLabel() != null) refuseTooManyRejects(format, files, options.maxRejectRate()); // before a model call is paid for
        SessionTrajectories trajectories = new SessionTrajectories(runId, fingerprint, anonymizer, judging);
        IngestTally tally = new IngestTally(rejectedOut);
        boolean ownDataset = fingerprint.equals(StoredRows.committedFingerprint(options.output(), new Configuration())); // a re-run replaces it
        ExportSettings settings = ExportSettings.of(options.output(), runId, fingerprint, judging.config().validationFraction(), options.keepRejected())
                .withOverwrite(options.overwrite() || ownDataset)
                .withFormat(judging.config().export().exportFormat())
                .withDedup(judging.config().export().deduplication())
                .withReportSample(judging.config().report().sample());
        try (DatasetExport export = DatasetExport.open(settings, new Configuration());
             InOrder<Prepared> pipeline = new InOrder<>(options.concurrency(), prepared -> {
                 SessionTrajectories.Judged judged = prepared.judged();
                 if (judged.failure() != null) {
                     tally.rejected(judged.failure(), true);
                     return;
                 }
                 tally.anonymized(judged.imported().trajectory().id(), judged.imported().audit());
                 judging.addJudgeUsage(judged.verdict().judgeUsage());
                 export.write(prepared.record(), prepared.fingerprint());
             })) {
            for (Path file : files) {
                read(format, file, item -> {
                    switch (item) {
                        case IngestItem.Session s -> {
                            tally.sessionRead();
                            pipeline.submit(() -> Prepared.of(trajectories.judge(s), export));
                        }
                        case IngestItem.Rejected r -> tally.rejected(safe(r), false);
                    }
                });
            }
            pipeline.finish();
            judging.throwIfJudgeFailedFatally();
            if (tally.rejectRate() > options.maxRejectRate()) { // the export closes uncommitted
                throw new TooManyRejectsException(tally.sessions(), tally.rejected().size(), byReason(tally.rejected()));
            }
            export.attachRejects(rejectsJsonl(tally.rejected()));
            Map<String, Object> metrics = new TreeMap<>(judging.metrics());
            metrics.putAll(tally.metrics());
            ExportResult result = export.commit(now, judging.usage(), metrics);
            return new Outcome(tally.sessions(), tally.rejected(), result, tally.replaced());
        } catch (ExportException e) {
            throw new IllegalStateException(options.output() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A session ready to be written: judged, its record made and what dedup compares computed, all on the window's
     * threads, so the thread that writes in input order only looks the fingerprint up.
     */
    private record Prepared(SessionTrajectories.Judged judged, ExportRecord record, DedupFingerprint fingerprint) {
        static Prepared of(SessionTrajectories.Judged judged, DatasetExport export) {
            if (judged.failure() != null) return new Prepared(judged, null, null);
            ExportRecord record = judged.record();
            return new Prepared(judged, record, export.fingerprint(record));
        }
    }

    /** A pass that only parses, so an import that will fail on its reject rate spends nothing on the judge. */
    private static void refuseTooManyRejects(SessionFormat format, List<Path> files, double maxRejectRate) {
        long[] sessions = {0};
        List<IngestItem.Rejected> rejected = new ArrayList<>();
        for (Path file : files) {
            read(format, file, item -> {
                if (item instanceof IngestItem.Rejected r) rejected.add(safe(r));
                else sessions[0]++;
            });
        }
        if (Outcome.rejectRate(sessions[0], rejected.size()) > maxRejectRate) throw new TooManyRejectsException(sessions[0], rejected.size(), byReason(rejected));
    }

    /** Every session and reject of {@code files}, in order, as the format reads them. */
    public static void read(List<String> inputs, String formatName, Consumer<IngestItem> out) {
        SessionFormat format = SessionFormats.byName(formatName);
        for (Path file : IngestInputs.expand(inputs)) {
            read(format, file, item -> out.accept(item instanceof IngestItem.Rejected r ? safe(r) : item));
        }
    }

    private static void read(SessionFormat format, Path file, Consumer<IngestItem> out) {
        try (BufferedReader in = IngestInputs.open(file)) {
            format.read(file.toString(), in, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over each file's name and bytes, streamed (never the whole input in memory). */
    private static String inputsSha256(List<Path> files) {
        MessageDigest digest = Hashing.sha256();
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static Map<String, Long> byReason(List<IngestItem.Rejected> rejected) {
        Map<String, Long> counts = new TreeMap<>();
        for (IngestItem.Rejected r : rejected) counts.merge(reasonKind(r.reason()), 1L, Long::sum);
        return counts;
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

    private static IngestItem.Rejected safe(IngestItem.Rejected r) {
        return new IngestItem.Rejected(r.file(), r.line(), r.format(), safeReason(r.reason()));
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
