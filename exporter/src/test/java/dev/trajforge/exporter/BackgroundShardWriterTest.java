package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.OutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackgroundShardWriterTest {
    @TempDir
    java.nio.file.Path dir;

    private final List<String> written = Collections.synchronizedList(new ArrayList<>());

    @Test
    void should_write_every_row_in_order_on_its_own_thread() {
        BackgroundShardWriter<String> writer = writer("never");
        List<String> rows = IntStream.range(0, 2_000).mapToObj(i -> "row-" + i).toList();

        rows.forEach(writer::write);
        List<StagedShard> shards = writer.finish();

        assertEquals(rows, written);
        assertEquals(1, shards.size());
        assertEquals(2_000, shards.get(0).rows());
    }

    @Test
    void should_report_a_failed_write_naming_the_row_and_write_nothing_after_it() {
        BackgroundShardWriter<String> writer = writer("row-10");

        ExportException failure = assertThrows(ExportException.class, () -> {
            for (int i = 0; i < 2_000; i++) {
                writer.write("row-" + i);
            }
            writer.finish();
        });

        assertTrue(failure.getMessage().contains("row row-10"), failure.getMessage());
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "row-" + i).toList(), written);
        writer.abort();
    }

    private BackgroundShardWriter<String> writer(String failOn) {
        ShardFormat<String> format = new ShardFormat<>() {
            @Override
            public String extension() {
                return "txt";
            }

            @Override
            public RowFile<String> open(OutputFile file, Configuration conf) throws IOException {
                file.create(0).close();
                return new RowFile<>() {
                    @Override
                    public void write(String row) throws IOException {
                        if (row.equals(failOn)) {
                            throw new IOException("disk full");
                        }
                        written.add(row);
                    }

                    @Override
                    public long dataSize() {
                        return 0;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void verify(StagedShard shard, FileStatus status, Configuration conf, String runId) {
            }
        };
        Configuration conf = new Configuration();
        NioLocalFileSystem.install(conf);
        ShardWriter<String> shards = new ShardWriter<>("train", new Path(dir.toUri()), conf, format, Long.MAX_VALUE, row -> "row " + row);
        return new BackgroundShardWriter<>("train", shards);
    }
}
