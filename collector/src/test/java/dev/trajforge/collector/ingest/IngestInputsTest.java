package dev.trajforge.collector.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestInputsTest {
    private static final String SESSION = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hello\"}]}\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void should_expand_a_directory_recursively_in_sorted_order() throws IOException {
        Path b = write("b.jsonl", SESSION);
        Path a = write("a.jsonl", SESSION);
        Path nested = write("sub/c.jsonl", SESSION);
        assertEquals(List.of(a, b, nested), IngestInputs.expand(List.of(dir.toString())));
    }

    @Test
    void should_expand_a_glob_to_the_files_it_matches_and_list_each_file_once() throws IOException {
        Path a = write("logs/2025/a.jsonl", SESSION);
        Path b = write("logs/2026/b.jsonl.gz", SESSION);
        write("logs/2026/notes.txt", "not a log");
        Path c = write("logs/c.jsonl", SESSION);
        assertEquals(List.of(a, c), IngestInputs.expand(List.of(dir + "/logs/**.jsonl")));
        assertEquals(List.of(a, b), IngestInputs.expand(List.of(dir + "/logs/*/*.{jsonl,jsonl.gz}")));
        assertEquals(List.of(c, a), IngestInputs.expand(List.of(c.toString(), dir + "/logs/**.jsonl")),
                "argument order first, duplicates once");
    }

    @Test
    void should_take_an_existing_file_whose_name_looks_like_a_glob_as_that_file() throws IOException {
        Path odd = write("export[1].jsonl", SESSION);
        write("export1.jsonl", SESSION);
        assertEquals(List.of(odd), IngestInputs.expand(List.of(odd.toString())));
    }

    @Test
    void should_reject_an_argument_that_names_nothing() throws IOException {
        write("a.jsonl", SESSION);
        var missing = assertThrows(IllegalArgumentException.class, () -> IngestInputs.expand(List.of(dir + "/missing.jsonl")));
        assertTrue(missing.getMessage().contains("missing.jsonl"), missing.getMessage());
        var noMatch = assertThrows(IllegalArgumentException.class, () -> IngestInputs.expand(List.of(dir + "/*.parquet")));
        assertTrue(noMatch.getMessage().contains("*.parquet"), noMatch.getMessage());
    }

    @Test
    void should_read_a_gzipped_log_like_a_plain_one() throws IOException {
        Path gz = dir.resolve("chat.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((SESSION + "\n" + SESSION).getBytes(StandardCharsets.UTF_8));
        }
        List<IngestItem> items = new ArrayList<>();
        try (BufferedReader in = IngestInputs.open(gz)) {
            SessionFormats.byName("openai-chat").read(gz.toString(), in, items::add);
        }
        assertEquals(List.of(1L, 3L), Fixtures.sessions(items).stream().map(s -> s.origin().line()).toList());
    }

    @Test
    void should_read_past_a_byte_order_mark() throws IOException {
        Path file = write("bom.jsonl", "\uFEFF" + SESSION + "{}{}\n");
        List<IngestItem> items = new ArrayList<>();
        try (BufferedReader in = IngestInputs.open(file)) {
            SessionFormats.byName("openai-chat").read("bom.jsonl", in, items::add);
        }
        assertEquals(1, Fixtures.sessions(items).size());
        assertEquals(List.of("2: bad JSON: Trailing token (of type START_OBJECT) found after value (column 3)"), Fixtures.rejects(items));
    }
}
