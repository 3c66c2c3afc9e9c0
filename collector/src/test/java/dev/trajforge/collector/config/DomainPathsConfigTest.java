package dev.trajforge.collector.config;

import dev.trajforge.collector.LibraryPack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code domainPaths}: folders of domain packs a run config adds to the class path's domains. */
class DomainPathsConfigTest {
    private static final String LIBRARY_RUN = """
            runId: lib
            domain: library
            tasks: 10
            output: out/lib
            """;

    @TempDir
    Path dir;

    private Path config(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    private static String failure(Path file, String... overrides) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of(overrides))).getMessage();
    }

    @Test
    void should_resolve_relative_domain_paths_against_the_config_files_folder() throws IOException {
        Path packs = dir.resolve("packs");
        LibraryPack.copyTo(packs.resolve("library"));
        Path file = config("configs/run.yaml", LIBRARY_RUN + "domainPaths: [../packs]\n");

        RunConfig config = ConfigLoader.load(file, List.of()).config();

        assertEquals(List.of(packs.toAbsolutePath().normalize().toString()), config.domainPaths());
        assertEquals("library", config.domain());
    }

    @Test
    void should_accept_a_pack_folder_itself_as_well_as_a_folder_of_packs() throws IOException {
        Path library = LibraryPack.copyTo(dir.resolve("packs/library"));
        Path file = config("run.yaml", LIBRARY_RUN + "domainPaths: [packs/library]\n");

        assertEquals(List.of(library.toAbsolutePath().normalize().toString()), ConfigLoader.load(file, List.of()).config().domainPaths());
    }

    @Test
    void should_resolve_a_domain_path_given_with_set_against_the_working_directory() throws IOException {
        Path library = LibraryPack.copyTo(dir.resolve("elsewhere/library")).toAbsolutePath();
        Path file = config("configs/run.yaml", LIBRARY_RUN);
        Path relativeToHere = Path.of("").toAbsolutePath().relativize(library);

        RunConfig config = ConfigLoader.load(file, List.of("domainPaths=[" + relativeToHere + "]")).config();

        assertEquals(List.of(library.normalize().toString()), config.domainPaths());
    }

    @Test
    void should_default_to_no_domain_paths_and_leave_them_out_of_the_canonical_json() throws IOException {
        LoadedConfig loaded = ConfigLoader.load(config("run.yaml", LIBRARY_RUN.replace("library", "retail")), List.of());

        assertEquals(List.of(), loaded.config().domainPaths());
        assertFalse(ConfigLoader.canonicalJson(loaded.config()).contains("domainPaths"));
    }

    @Test
    void should_change_the_fingerprint_with_the_domain_paths() throws IOException {
        LibraryPack.copyTo(dir.resolve("a/library"));
        LibraryPack.copyTo(dir.resolve("b/library"));
        String a = ConfigLoader.load(config("a.yaml", LIBRARY_RUN + "domainPaths: [a]\n"), List.of()).sha256();
        String b = ConfigLoader.load(config("b.yaml", LIBRARY_RUN + "domainPaths: [b]\n"), List.of()).sha256();

        assertNotEquals(a, b);
        assertTrue(ConfigLoader.fingerprinted("domainPaths"));
        assertTrue(ConfigLoader.canonicalJson(ConfigLoader.load(dir.resolve("a.yaml"), List.of()).config())
                .contains("\"domainPaths\":[\"" + dir.resolve("a").toAbsolutePath().normalize() + "\"]"));
    }

    @Test
    void should_name_the_file_and_key_of_a_domain_path_that_is_not_there() throws IOException {
        Path file = config("run.yaml", LIBRARY_RUN + "domainPaths: [packs, nowhere]\n");
        Files.createDirectories(dir.resolve("packs"));

        String message = failure(file);

        assertEquals("config " + file + ": key 'domainPaths[1]': no such folder: " + dir.resolve("nowhere").toAbsolutePath().normalize(), message);
    }

    @Test
    void should_blame_a_missing_domain_path_given_with_set_on_the_override() throws IOException {
        Path file = config("run.yaml", LIBRARY_RUN);

        String message = failure(file, "domainPaths=[nowhere-" + dir.getFileName() + "]");

        assertTrue(message.startsWith("--set domainPaths=[nowhere-" + dir.getFileName() + "]: key 'domainPaths[0]': no such folder: "), message);
    }

    @Test
    void should_name_the_key_of_a_domain_path_that_is_a_file() throws IOException {
        Path file = config("run.yaml", LIBRARY_RUN + "domainPaths: [run.yaml]\n");

        String message = failure(file);

        assertTrue(message.startsWith("config " + file + ": key 'domainPaths[0]': not a folder: "), message);
    }

    @Test
    void should_name_the_pack_problems_of_a_broken_pack_with_file_line_and_key() throws IOException {
        Path library = LibraryPack.copyTo(dir.resolve("packs/library")).toAbsolutePath();
        LibraryPack.breakGoldStepTool(library);
        Path file = config("run.yaml", LIBRARY_RUN + "domainPaths: [packs]\n");

        String message = failure(file);

        assertTrue(message.startsWith("config " + file + ": key 'domainPaths[0]': domain pack " + library + " has 1 problem:"), message);
        assertTrue(message.contains(library.resolve("tasks.yaml") + ":17: intents[0].steps[1].tool: unknown tool 'lend_bok'"), message);
    }

    @Test
    void should_list_the_packs_domains_among_the_known_ones_for_an_unknown_domain() throws IOException {
        LibraryPack.copyTo(dir.resolve("packs/library"));
        Path file = config("run.yaml", LIBRARY_RUN.replace("domain: library", "domain: libary") + "domainPaths: [packs]\n");

        String message = failure(file);

        assertTrue(message.startsWith("config " + file + ": key 'domain': unknown domain 'libary' (known: "), message);
        assertTrue(message.contains("library") && message.contains("retail"), message);
    }

    @Test
    void should_not_see_a_pack_domain_without_its_path() throws IOException {
        assertTrue(failure(config("run.yaml", LIBRARY_RUN)).contains("unknown domain 'library'"));
    }

    @Test
    void should_reject_a_single_string_or_a_null_for_domain_paths() throws IOException {
        assertEquals("config " + dir.resolve("s.yaml") + ": key 'domainPaths': expected a list, got \"packs\"",
                failure(config("s.yaml", LIBRARY_RUN + "domainPaths: packs\n")));
        assertTrue(failure(config("n.yaml", LIBRARY_RUN + "domainPaths: null\n")).contains("key 'domainPaths': must not be null"));
        assertTrue(failure(config("e.yaml", LIBRARY_RUN + "domainPaths: ['']\n")).contains("key 'domainPaths[0]': must be a folder"));
    }
}
