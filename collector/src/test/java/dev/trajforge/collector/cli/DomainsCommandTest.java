package dev.trajforge.collector.cli;

import dev.trajforge.collector.LibraryPack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void should_list_each_discovered_domain_with_its_source_tools_by_kind_intents_and_distinct_tasks() {
        CliRun run = CliRun.of("domains", "--probe", "300");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("retail  (java: dev.trajforge.simenv.retail.RetailDomain)"), run.out());
        assertTrue(run.out().contains("tools    15: 7 read, 7 write, 1 handoff"), run.out());
        assertTrue(run.out().contains("intents  11: cancel, cancel_processed, exchange,"), run.out());
        assertTrue(run.out().contains("tasks    at least 300 distinct from seed 0"), run.out());
        assertTrue(run.out().contains("airline  (pack: classpath:domains/airline)"), run.out());
    }

    @Test
    void should_add_the_packs_of_each_path_to_the_listing_with_their_absolute_folder_as_source() {
        Path packs = tmp.resolve("packs");
        Path library = LibraryPack.copyTo(packs.resolve("library")).toAbsolutePath();

        CliRun folderOfPacks = CliRun.of("domains", "--probe", "50", "--path", packs.toString());
        CliRun onePack = CliRun.of("domains", "--probe", "50", "--path", library.toString());

        for (CliRun run : new CliRun[] {folderOfPacks, onePack}) {
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("library  (pack: " + library + ")\n"
                    + "  tools    4: 2 read, 1 write, 1 handoff\n"
                    + "  intents  3: book_info, borrow, fined\n"
                    + "  tasks    at least 50 distinct from seed 0\n"), run.out());
            assertTrue(run.out().contains("retail  (java: dev.trajforge.simenv.retail.RetailDomain)"), run.out());
        }
    }

    @Test
    void should_report_the_problems_of_a_broken_pack_on_a_path_with_exit_2_not_a_stack_trace() {
        Path library = LibraryPack.copyTo(tmp.resolve("library")).toAbsolutePath();
        LibraryPack.breakGoldStepTool(library);

        CliRun run = CliRun.of("domains", "--path", library.toString());

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith(library.resolve("tasks.yaml") + ":17: intents[0].steps[1].tool: unknown tool")), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void should_name_a_path_that_is_not_there_with_exit_2() {
        Path missing = tmp.resolve("nowhere");

        CliRun run = CliRun.of("domains", "--path", missing.toString());

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, run.exitCode(), run.err());
        assertEquals("trajforge: --path " + missing + ": no such folder (a pack folder, or a folder of pack folders)", run.err().strip());
        assertEquals("", run.out());
    }
}
