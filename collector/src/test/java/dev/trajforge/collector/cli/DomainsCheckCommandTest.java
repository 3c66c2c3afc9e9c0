package dev.trajforge.collector.cli;

import dev.trajforge.collector.LibraryPack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trajforge domains check PATH} on the library test pack, whole and broken. */
class DomainsCheckCommandTest {
    @TempDir
    Path tmp;

    private Path library() {
        return LibraryPack.copyTo(tmp.resolve("library")).toAbsolutePath();
    }

    private static void assertPackProblem(CliRun run, String expectedLineStart) {
        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, run.exitCode(), run.out() + run.err());
        List<String> lines = run.err().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(expectedLineStart)), "expected a line starting " + expectedLineStart + " in:\n" + run.err());
        assertFalse(run.err().contains("Exception"), "no stack trace: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void should_keep_every_clause_of_the_contract_on_the_library_pack_and_exit_0() {
        Path pack = library();
        CliRun run = CliRun.of("domains", "check", pack.toString());

        assertEquals(TrajforgeCli.EXIT_OK, run.exitCode(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("library  (pack: " + pack + "), seed 0", lines.getFirst());
        assertEquals(6, lines.stream().filter(l -> l.startsWith("ok   ")).count(), run.out());
        assertTrue(lines.contains("ok   gold plan replayed is accepted (250 tasks)"), run.out());
        assertTrue(lines.contains("ok   every tool is used by some task's gold plan (4 tools)"), run.out());
        assertEquals("OK: library keeps all 6 clauses of the domain contract", lines.getLast());
        assertEquals("", run.err());
    }

    @Test
    void should_take_the_seed_and_the_number_of_tasks_from_the_options() {
        CliRun run = CliRun.of("domains", "check", library().toString(), "--seed", "3", "--tasks", "40");

        assertEquals(TrajforgeCli.EXIT_OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("ok   gold plan replayed is accepted (40 tasks)"), run.out());
        assertTrue(run.out().contains("ok   the same seed gives the same state hash and the same tasks (seed 3)"), run.out());
    }

    @Test
    void should_print_a_broken_clause_as_FAIL_with_its_detail_and_exit_1() throws Exception {
        Path pack = library();
        Files.writeString(pack.resolve("tools.yaml"), Files.readString(pack.resolve("tools.yaml")) + """
                  - name: count_books
                    kind: read
                    description: How many books the library has.
                    parameters: {type: object, properties: {}, additionalProperties: false}
                    returns: "$count($all('books'))"
                """);
        CliRun run = CliRun.of("domains", "check", pack.toString(), "--tasks", "30");

        assertEquals(TrajforgeCli.EXIT_FAILURE, run.exitCode(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("FAIL every tool is used by some task's gold plan: ") && l.contains("count_books")), run.out());
        assertEquals(5, lines.stream().filter(l -> l.startsWith("ok   ")).count(), run.out());
        assertEquals("FAILED: library breaks 1 of 6 clauses of the domain contract", lines.getLast());
    }

    @Test
    void should_name_the_file_line_and_key_of_an_unknown_tool_in_a_gold_step_and_exit_2() {
        Path pack = library();
        LibraryPack.breakGoldStepTool(pack);

        CliRun run = CliRun.of("domains", "check", pack.toString());

        assertPackProblem(run, pack.resolve("tasks.yaml") + ":17: intents[0].steps[1].tool: unknown tool 'lend_bok'");
        assertEquals("trajforge: domain pack " + pack + " has 1 problem:", run.err().lines().findFirst().orElseThrow());
        assertEquals("", run.out());
    }

    @Test
    void should_name_the_file_line_and_key_of_a_yaml_syntax_error_in_the_seed_and_exit_2() {
        Path pack = library();
        LibraryPack.breakSeedSyntax(pack);

        CliRun run = CliRun.of("domains", "check", pack.toString());

        // the key is the one on the line (the file did not parse, so its dotted path pools.last is not known)
        assertPackProblem(run, pack.resolve("seed.yaml") + ":3: last: YAML syntax error: ");
    }

    @Test
    void should_name_the_file_line_and_key_of_a_broken_entity_schema_and_exit_2() {
        Path pack = library();
        LibraryPack.breakBookSchema(pack);

        CliRun run = CliRun.of("domains", "check", pack.toString());

        assertPackProblem(run, pack.resolve("schemas/books.schema.json") + ":6: properties.title.type: not a valid JSON Schema: ");
    }

    @Test
    void should_report_every_problem_of_a_pack_broken_in_three_files_at_once() {
        Path pack = library();
        LibraryPack.breakBookSchema(pack);
        LibraryPack.breakGoldStepTool(pack);
        LibraryPack.breakSeedSyntax(pack);

        CliRun run = CliRun.of("domains", "check", pack.toString());

        assertPackProblem(run, pack.resolve("schemas/books.schema.json") + ":6: properties.title.type: ");
        assertPackProblem(run, pack.resolve("seed.yaml") + ":3: last: YAML syntax error: ");
        assertPackProblem(run, pack.resolve("tasks.yaml") + ":17: intents[0].steps[1].tool: unknown tool 'lend_bok'");
    }

    @Test
    void should_report_a_folder_without_domain_yaml_as_a_pack_problem() {
        CliRun run = CliRun.of("domains", "check", tmp.toString());

        assertPackProblem(run, tmp.toAbsolutePath().resolve("domain.yaml") + ": not found");
    }

    @Test
    void should_describe_the_check_and_its_exit_codes_in_its_help() {
        CliRun run = CliRun.of("domains", "check", "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Usage: trajforge domains check"), run.out());
        assertTrue(run.out().contains("--tasks=N"), run.out());
        assertTrue(run.out().contains("2   the pack has problems"), run.out());
        assertTrue(CliRun.of("domains", "--help").out().contains("check"), "domains --help names the check subcommand");
    }
}
