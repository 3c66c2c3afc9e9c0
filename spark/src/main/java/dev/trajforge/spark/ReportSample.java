package dev.trajforge.spark;

import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.collector.journal.JournalLines;
import dev.trajforge.exporter.report.HtmlReport;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The trajectories {@code report.html} shows, for a report merged from the partitions' parts ({@link HtmlReport#ofParts}):
 * the partitions that hold a sampled episode read those episodes' lines of their committed journals again on the executors
 * (by episode number, the rest of the journal unparsed) and send the driver those lines only, at most the report's sample size in all; the driver never reads the dataset.
 */
final class ReportSample {
    private ReportSample() {
    }

    /** Gives {@code report} the record of every sampled episode it still lacks, read from the partitions that hold them. */
    static void view(SparkSession spark, JobSpec spec, List<PartitionExport.Staged> staged, HtmlReport report) {
        Set<String> unviewed = report.unviewed();
        if (unviewed.isEmpty()) return;
        TreeMap<Integer, TreeSet<Long>> wanted = new TreeMap<>();
        for (PartitionExport.Staged part : staged) {
            for (String id : unviewed) {
                Long episode = part.sampleCandidates().get(id);
                if (episode != null) wanted.computeIfAbsent(part.partition(), p -> new TreeSet<>()).add(episode);
            }
        }
        List<Integer> partitions = new ArrayList<>(wanted.keySet());
        List<String> lines = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(partitions, partitions.size())
                .flatMap((FlatMapFunction<Integer, String>) p -> lines(spec, p, wanted.get(p)).iterator())
                .collect();
        for (String line : lines) {
            JournalEntry entry = JournalLines.parse(line, "a sampled episode's journal line");
            report.view(entry.record().withIntents(entry.intents())); // as the partition's export wrote it
        }
    }

    /** The journal lines (without their newline) of the episodes {@code episodes} of partition {@code p}'s committed journal. */
    private static List<String> lines(JobSpec spec, int p, Set<Long> episodes) {
        List<String> out = new ArrayList<>();
        try {
            FileSystem fs = new Path(spec.runDir()).getFileSystem(SparkRun.hadoop());
            new PartitionJournal(fs, new Path(spec.runDir()), spec.partitions(), p).read(episodes::contains, entry -> {
                String line = new String(JournalLines.render(entry), StandardCharsets.UTF_8);
                out.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read partition " + p + " of the run journal in " + spec.runDir() + ": " + e.getMessage(), e);
        }
        if (out.size() != episodes.size()) {
            throw new IllegalStateException("partition " + p + ": " + (episodes.size() - out.size()) + " sampled episodes are not in its committed journal");
        }
        return out;
    }
}
