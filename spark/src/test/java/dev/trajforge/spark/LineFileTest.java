package dev.trajforge.spark;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lines found by offset and read back by it, whatever their length, up to a limit, without a torn last line. */
class LineFileTest {
    @TempDir
    java.nio.file.Path dir;

    record Line(String text, long offset, int length) {
    }

    private List<Line> scan(String content, long limit, long[] returned) throws Exception {
        java.nio.file.Path file = dir.resolve("lines.jsonl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        List<Line> lines = new ArrayList<>();
        FileSystem fs = FileSystem.get(SparkRun.hadoop());
        returned[0] = LineFile.scan(fs, new Path(file.toUri()), limit, (text, offset, length) -> lines.add(new Line(text, offset, length)));
        try (FSDataInputStream in = fs.open(new Path(file.toUri()))) {
            for (Line line : lines) assertEquals(line.text(), LineFile.read(in, line.offset(), line.length()), "read back by offset");
        }
        return lines;
    }

    @Test
    void should_find_every_complete_line_across_read_buffers_and_skip_a_torn_last_one() throws Exception {
        String longLine = "é".repeat(700_000); // 1.4 MB of UTF-8, longer than one read buffer
        String content = "a\n" + longLine + "\n\nb\ntorn";
        long[] complete = new long[1];
        List<Line> lines = scan(content, Long.MAX_VALUE, complete);
        assertEquals(List.of("a", longLine, "", "b"), lines.stream().map(Line::text).toList());
        assertEquals(List.of(0L, 2L, 1_400_003L, 1_400_004L), lines.stream().map(Line::offset).toList());
        assertEquals(1_400_006L, complete[0], "the bytes the complete lines take");
    }

    @Test
    void should_stop_at_the_limit_as_if_the_file_ended_there() throws Exception {
        long[] complete = new long[1];
        List<Line> lines = scan("one\ntwo\nthree\n", 6, complete);
        assertEquals(List.of("one"), lines.stream().map(Line::text).toList());
        assertEquals(4, complete[0]);
    }
}
