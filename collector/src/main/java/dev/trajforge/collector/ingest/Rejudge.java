package dev.trajforge.collector.ingest;

import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.ExportException;
import dev.trajforge.exporter.ExportResult;
import dev.trajforge.exporter.ExportSettings;
import dev.trajforge.exporter.validate.StoredRows;
import dev.trajforge.judge.Verdict;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.Trajectory;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code trajforge judge}: stored trajectories (exports of runs or of ingests, or their Parquet shards)
 * judged again with the current checks and judge ({@link SessionJudging}) and written as one new
 * dataset, deduplicated and split like any export; inputs of different runs, simulated and imported
 * alike, mix into one. Rows keep their identity (id, run id, origin); the new manifest names the runs
 * they came from ({@code source_runs}). The checks that need no world run again; the world checks a
 * simulated episode was judged on when its world existed are carried as recorded.
 */
public final class Rejudge {
    /** What to judge and where; {@code concurrency} trajectories are judged at once. */
    public record Options(List<String> inputs, String output, boolean overwrite, boolean keepRejected, int concurrency) {
        public Options {
            inputs = List.copyOf(inputs);
            if (inputs.isEmpty()) throw new IllegalArgumentException("judge: name at least one dataset or shard");
            Objects.requireNonNull(output, "output");
            if (concurrency < 1) throw new IllegalArgumentException("--concurrency must be >= 1, got " + concurrency);
        }
    }

    /** What a judge pass read, per input, and wrote. */
    public record Outcome(Map<String, Long> rowsByInput, ExportResult result) {
    }

    private Rejudge() {
    }

    public static Outcome run(Options options, SessionJudging judging, Configuration conf, Instant now) {
        Map<String, Long> rowsByInput = new TreeMap<>();
        String fingerprint = Hashing.sha256Hex(String.join("\u0000", String.join("\u0001", options.inputs()), inputsIdentity(options.inputs(), conf),
                judging.fingerprint(), judging.config().export().toString(), Double.toString(judging.config().validationFraction())));
        String runId = "judge-" + fingerprint.substring(0, 12);
        ExportSettings settings = ExportSettings.of(options.output(), runId, fingerprint, judging.config().validationFraction(), options.keepRejected())
                .withOverwrite(options.overwrite() || fingerprint.equals(StoredRows.committedFingerprint(options.output(), conf))).withFormat(judging.config().export().exportFormat()).withDedup(judging.config().export().deduplication())
                .withReportSample(judging.config().report().sample());
        double threshold = judging.config().judging().threshold();
        try (DatasetExport export = DatasetExport.open(settings, conf);
             InOrder<Judged> pipeline = new InOrder<>(options.concurrency(), judged -> {
                 judging.addJudgeUsage(judged.verdict().judgeUsage());
                 export.write(SessionRecords.of(judged.trajectory(), judged.verdict(), List.of(judged.trajectory().domain()), threshold));
             })) {
            for (String input : options.inputs()) {
                StoredRows.read(input, conf, row -> {
                    rowsByInput.merge(input, 1L, Long::sum);
                    StoredTrajectory stored = StoredTrajectory.of(row, input);
                    pipeline.submit(() -> judge(stored, judging, fingerprint));
                });
            }
            pipeline.finish();
            judging.throwIfJudgeFailedFatally();
            if (rowsByInput.values().stream().mapToLong(Long::longValue).sum() == 0) {
                throw new IllegalArgumentException("judge: the inputs hold no rows; nothing was written");
            }
            Map<String, Object> metrics = new TreeMap<>(judging.metrics());
            metrics.put("judged_rows_by_input", rowsByInput);
            return new Outcome(rowsByInput, export.commit(now, judging.usage(), metrics));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (ExportException e) {
            throw new IllegalStateException(options.output() + ": " + e.getMessage(), e);
        }
    }

    private record Judged(Trajectory trajectory, Verdict verdict) {
    }

    private static Judged judge(StoredTrajectory stored, SessionJudging judging, String fingerprint) {
        Trajectory t = stored.trajectory();
        Lineage before = t.lineage();
        Lineage lineage = new Lineage(before.runId(), before.source(), before.agentModel(), before.userModel(), fingerprint,
                judging.promptSha256(), before.origin()).withDomain(before.domainOrigin(), before.toolSimulatorModel());
        Trajectory rejudged = new Trajectory(t.id(), t.domain(), t.taskId(), t.persona(), t.trial(), t.seed(), t.messages(), t.toolsJson(),
                t.termination(), t.finalStateHash(), t.usage(), lineage, t.faults(), t.stateChanges(), t.userToolsJson(), t.userToolCalls());
        String ask = t.messages().stream().filter(m -> m.role() == Role.USER).map(Message::content).findFirst().orElse("(no user message)");
        Verdict verdict = judging.policy().judge(rejudged, SessionTrajectories.task(t.taskId(), ask, judging.rubric()), stored.worldChecks());
        return new Judged(rejudged, verdict);
    }

    /** The inputs' manifests' or files' identity (size and modification time are not enough for a bucket: the manifest's bytes). */
    private static String inputsIdentity(List<String> inputs, Configuration conf) {
        StringBuilder identity = new StringBuilder();
        for (String input : inputs) {
            try {
                identity.append(dev.trajforge.exporter.validate.StoredRows.identity(input, conf)).append('\u0000');
            } catch (IOException e) {
                throw new UncheckedIOException(input + ": cannot be read: " + e.getMessage(), e);
            }
        }
        return identity.toString();
    }
}
