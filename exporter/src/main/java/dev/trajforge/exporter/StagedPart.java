package dev.trajforge.exporter;

import dev.trajforge.exporter.report.ReportPart;
import org.apache.hadoop.fs.Path;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One part of an export written by its own process (a Spark partition): its staged, closed shards, its
 * tally and its part of the report ({@link ReportPart}: counts and sample candidates by id). Small and
 * serializable, so the process that commits receives file lists and counts only.
 */
public final class StagedPart implements Serializable {
    private static final long serialVersionUID = 2L;

    private final List<Shard> shards;
    private final ExportTally tally;
    private final ReportPart report;

    StagedPart(List<Shard> shards, ExportTally tally, ReportPart report) {
        this.shards = List.copyOf(shards);
        this.tally = Objects.requireNonNull(tally, "tally");
        this.report = Objects.requireNonNull(report, "report");
    }

    List<Shard> shards() {
        return shards;
    }

    ExportTally tally() {
        return tally;
    }

    /** What the part's records tell report.html, for {@link dev.trajforge.exporter.report.HtmlReport#ofParts}. */
    public ReportPart report() {
        return report;
    }

    /** Rows in the part's shards. */
    public long rows() {
        return shards.stream().mapToLong(Shard::rows).sum();
    }

    /** Episodes written to the part, duplicates and rejects included. */
    public long episodes() {
        return tally.episodes();
    }

    record Shard(String split, String path, long rows, long bytes, String sha256) implements Serializable {
        Shard {
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(path, "path");
        }

        StagedShard staged() {
            return new StagedShard(split, new Path(path), rows, bytes, sha256);
        }
    }
}
