package dev.trajforge.simenv.pack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken pack is refused with every problem at once, each naming file, line and key. */
class PackProblemsTest {
    @TempDir
    Path dir;

    @Test
    void should_name_file_line_and_key_of_a_broken_schema_an_unknown_gold_tool_and_a_yaml_syntax_error_together() throws IOException {
        Path pack = copyOfLibrary();
        replace(pack.resolve("schemas/books.schema.json"), "\"title\": {\"type\": \"string\"}", "\"title\": {\"type\": \"strin\"}");
        replace(pack.resolve("tasks.yaml"), "      - tool: get_book\n", "      - tool: get_novel\n");
        replace(pack.resolve("seed.yaml"), "  last: [Moss, Reed, Stone, Vale, Wood]", "  last: [Moss, Reed, Stone, Vale, Wood");

        PackException refused = assertThrows(PackException.class, () -> DomainPacks.load(pack));

        List<PackProblem> problems = refused.problems();
        assertEquals(3, problems.size(), refused.getMessage());
        PackProblem schema = find(problems, "schemas/books.schema.json");
        assertEquals(6, schema.line(), schema.toString());
        assertEquals("properties.title.type", schema.key());
        PackProblem tool = find(problems, "tasks.yaml");
        assertEquals(lineOf(pack.resolve("tasks.yaml"), "tool: get_novel"), tool.line());
        assertEquals("intents[1].steps[0].tool", tool.key());
        assertTrue(tool.message().contains("unknown tool 'get_novel'"), tool.message());
        PackProblem syntax = find(problems, "seed.yaml");
        assertTrue(syntax.message().startsWith("YAML syntax error"), syntax.message());
        assertTrue(syntax.line() >= 3 && syntax.line() <= 4, syntax.toString());
        assertEquals("last", syntax.key());
        assertTrue(refused.getMessage().contains(pack.resolve("tasks.yaml") + ":" + tool.line() + ": intents[1].steps[0].tool: unknown tool"), refused.getMessage());
    }

    @Test
    void should_refuse_unknown_keys_wrong_kinds_and_bad_expressions_naming_each() throws IOException {
        Path pack = copyOfLibrary();
        replace(pack.resolve("tools.yaml"), "    kind: write\n", "    kind: mutate\n    retries: 3\n");
        replace(pack.resolve("tools.yaml"), "check: \"$book.status = 'available'\"", "check: \"$book.status = = 'available'\"");

        List<PackProblem> problems = assertThrows(PackException.class, () -> DomainPacks.load(pack)).problems();

        assertEquals(List.of("tools[2].kind", "tools[2].require[2].check", "tools[2].retries"), problems.stream().map(PackProblem::key).sorted().toList(),
                problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.file().equals("tools.yaml") && p.line() > 0), problems.toString());
    }

    @Test
    void should_report_an_expression_that_fails_while_tasks_are_drawn_as_a_problem_at_its_place() throws IOException {
        Path pack = copyOfLibrary();
        replace(pack.resolve("tasks.yaml"), "    facts: [\"$book.title\"]", "    facts: [\"'nonsense'\"]");
        var world = DomainPacks.load(pack).world(7);

        PackException refused = assertThrows(PackException.class, () -> world.tasks(60));

        PackProblem problem = refused.problems().getFirst();
        assertEquals("tasks.yaml", problem.file());
        assertEquals(lineOf(pack.resolve("tasks.yaml"), "'nonsense'"), problem.line());
        assertEquals("intents[1].facts[0]", problem.key());
        assertEquals("fact \"nonsense\" of intent book_info is in no tool result", problem.message());
    }

    @Test
    void should_say_what_a_pack_folder_is_when_domain_yaml_is_missing() {
        PackException refused = assertThrows(PackException.class, () -> DomainPacks.load(dir));
        assertEquals("domain.yaml", refused.problems().getFirst().file());
        assertTrue(refused.getMessage().contains("a pack is a folder with a domain.yaml"), refused.getMessage());
    }

    private Path copyOfLibrary() throws IOException {
        Path target = dir.resolve("library");
        try (Stream<Path> files = Files.walk(LibraryPackTest.LIBRARY)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(LibraryPackTest.LIBRARY.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(copy);
                else Files.copy(source, copy);
            }
        }
        return target;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) throw new AssertionError(file + " has no " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text);
    }

    private static PackProblem find(List<PackProblem> problems, String file) {
        return problems.stream().filter(p -> p.file().equals(file)).findFirst().orElseThrow(() -> new AssertionError("no problem in " + file + ": " + problems));
    }
}
