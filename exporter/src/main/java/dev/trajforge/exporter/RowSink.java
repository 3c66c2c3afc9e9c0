package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the export's records (after dedup, in write order) into rows of the chosen format and hands
 * them to one rolling {@link ShardWriter} per split, each on its own thread ({@link BackgroundShardWriter}).
 */
abstract sealed class RowSink<T> permits RowSink.Episodes, RowSink.Pairs {
    private final ShardFormat<T> format;
    private final Path staging;
    private final Configuration conf;
    private final long targetShardBytes;
    private final Function<T, String> describe;
    private final Map<String, BackgroundShardWriter<T>> writers = new LinkedHashMap<>();

    private RowSink(ShardFormat<T> format, Path staging, Configuration conf, long targetShardBytes, Function<T, String> describe) {
        this.format = format;
        this.staging = staging;
        this.conf = conf;
        this.targetShardBytes = targetShardBytes;
        this.describe = describe;
    }

    static RowSink<?> of(ExportSettings settings, SplitAssigner splits, Path staging, Configuration conf) {
        return switch (settings.format()) {
            case HF_PARQUET -> new Episodes(ParquetShards.trajectories(settings), splits, settings, staging, conf);
            case OPENAI_JSONL -> new Episodes(JsonShards.openAiJsonl(), splits, settings, staging, conf);
            case SHAREGPT -> new Episodes(JsonShards.shareGpt(), splits, settings, staging, conf);
            case DPO -> new Pairs(ParquetShards.preferencePairs(settings), splits, settings, staging, conf);
        };
    }

    ShardFormat<T> format() {
        return format;
    }

    abstract void write(ExportRecord record);

    /** Writes what is still held back, closes the writers and returns every staged shard. */
    List<StagedShard> finish() {
        flush();
        List<StagedShard> staged = new ArrayList<>();
        RuntimeException failure = null;
        for (BackgroundShardWriter<T> writer : writers.values()) {
            try {
                writer.startFinish(); // the splits close their shards at the same time
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        for (BackgroundShardWriter<T> writer : writers.values()) {
            try {
                staged.addAll(writer.finish());
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure; // every split's thread is still stopped
            }
        }
        if (failure != null) {
            throw failure;
        }
        return staged;
    }

    void abort() {
        writers.values().forEach(BackgroundShardWriter::abort);
    }

    void flush() {
    }

    final void append(String split, T row) {
        writers.computeIfAbsent(split, s -> new BackgroundShardWriter<>(s, new ShardWriter<>(s, staging, conf, format, targetShardBytes, describe)))
                .write(row);
    }

    /** One row per episode: accepted ones in their task's split, rejected ones in {@code rejected} when kept. */
    static final class Episodes extends RowSink<ExportRecord> {
        private final SplitAssigner splits;
        private final boolean keepRejected;

        Episodes(ShardFormat<ExportRecord> format, SplitAssigner splits, ExportSettings settings, Path staging, Configuration conf) {
            super(format, staging, conf, settings.targetShardBytes(), r -> "trajectory " + r.trajectory().id());
            this.splits = splits;
            this.keepRejected = settings.keepRejected();
        }

        @Override
        void write(ExportRecord record) {
            switch (record.status()) {
                case ACCEPTED -> append(splits.splitOf(record.trajectory().taskId()), record);
                case REJECTED -> {
                    if (keepRejected) {
                        append(SplitAssigner.REJECTED, record);
                    }
                }
                case INFRA_FAILED -> { }
            }
        }
    }

    /**
     * One row per preference pair ({@link PreferencePairs}), in its task's split. The samples of a task
     * are held until a record of another task arrives (the collector writes task by task), so pairs are
     * formed within each run of consecutive records of one task and memory holds one task's samples.
     * Rejected duplicates are not used as the rejected side: they are good samples.
     */
    static final class Pairs extends RowSink<PreferencePair> {
        private final SplitAssigner splits;
        private String taskId;
        private final List<ExportRecord> accepted = new ArrayList<>();
        private final List<ExportRecord> rejected = new ArrayList<>();

        Pairs(ShardFormat<PreferencePair> format, SplitAssigner splits, ExportSettings settings, Path staging, Configuration conf) {
            super(format, staging, conf, settings.targetShardBytes(), p -> "pair " + p.chosenId() + "/" + p.rejectedId());
            this.splits = splits;
        }

        @Override
        void write(ExportRecord record) {
            if (record.status() == RecordStatus.INFRA_FAILED) {
                return;
            }
            if (!record.trajectory().taskId().equals(taskId)) {
                flush();
                taskId = record.trajectory().taskId();
            }
            if (record.status() == RecordStatus.ACCEPTED) {
                accepted.add(record);
            } else if (!record.rejectReasons().contains(Dedup.REASON)) {
                rejected.add(record);
            }
        }

        @Override
        void flush() {
            if (taskId != null) {
                String split = splits.splitOf(taskId);
                PreferencePairs.pair(accepted, rejected).forEach(pair -> append(split, pair));
            }
            taskId = null;
            accepted.clear();
            rejected.clear();
        }
    }
}
