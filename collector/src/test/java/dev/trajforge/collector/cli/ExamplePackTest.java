package dev.trajforge.collector.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The imported Petstore pack the examples ship ({@code examples/packs/petstore}, run by {@code examples/petstore.yaml})
 * is exactly what {@code trajforge domains import} makes of the spec today, run as its NOTICE says, from the repository's
 * root: a change to the importer that changes the pack shows here, and the example is regenerated with the command.
 */
class ExamplePackTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("examples/packs/petstore");

    @TempDir
    Path tmp;

    @Test
    void should_ship_the_petstore_pack_the_importer_writes_from_the_spec() throws Exception {
        Path out = tmp.resolve("petstore");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrajforgeCli.class.getName(),
                "domains", "import", "--openapi", "sim-env/src/test/resources/imports/petstore-3.0.json", "--name", "petstore", "--out", out.toString()));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "import finished");
        assertEquals(0, process.exitValue(), Files.readString(tmp.resolve("log")));
        TreeMap<String, String> fresh = files(out);
        TreeMap<String, String> shipped = files(EXAMPLE);
        shipped.remove("NOTICE");
        assertEquals(fresh.keySet(), shipped.keySet());
        fresh.forEach((file, text) -> assertEquals(text, shipped.get(file), file + " differs: regenerate the example with the command in its NOTICE"));
    }

    private static TreeMap<String, String> files(Path folder) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) files.put(folder.relativize(file).toString(), Files.readString(file));
        }
        return files;
    }
}
