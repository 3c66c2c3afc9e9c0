package dev.trajforge.collector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The sim-env test pack {@code library}, copied where a test can break it. */
public final class LibraryPack {
    /** The pack in sim-env's test resources, relative to the collector module. */
    public static final Path SOURCE = Path.of("..", "sim-env", "src", "test", "resources", "packs", "library");

    private LibraryPack() {
    }

    /** Copies the pack to {@code target} (created) and returns it. */
    public static Path copyTo(Path target) {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            for (Path from : files.toList()) {
                Path to = target.resolve(SOURCE.relativize(from).toString());
                if (Files.isDirectory(from)) Files.createDirectories(to);
                else Files.copy(from, to);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces line {@code line} (1-based) of {@code file} in {@code pack} with what {@code edit} makes of it, failing
     * when the edit changes nothing (the pack changed under the test).
     */
    public static void editLine(Path pack, String file, int line, UnaryOperator<String> edit) {
        try {
            Path path = pack.resolve(file);
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(path));
            String before = lines.get(line - 1);
            String after = edit.apply(before);
            if (after.equals(before)) throw new IllegalStateException(file + ":" + line + " unchanged by the edit: " + before);
            lines.set(line - 1, after);
            Files.write(path, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code schemas/books.schema.json:6}: the type of {@code title} is misspelt {@code "strin"}. */
    public static void breakBookSchema(Path pack) {
        editLine(pack, "schemas/books.schema.json", 6, l -> l.replace("\"title\": {\"type\": \"string\"}", "\"title\": {\"type\": \"strin\"}"));
    }

    /** {@code tasks.yaml:17}: the borrow intent's second gold step calls {@code lend_bok}, which is no tool. */
    public static void breakGoldStepTool(Path pack) {
        editLine(pack, "tasks.yaml", 17, l -> l.replace("tool: lend_book", "tool: lend_bok"));
    }

    /** {@code seed.yaml:3}: {@code last: Moss: Reed}, a YAML syntax error (a mapping value inside a plain scalar). */
    public static void breakSeedSyntax(Path pack) {
        editLine(pack, "seed.yaml", 3, l -> l.replace("last: [Moss, Reed, Stone, Vale, Wood]", "last: Moss: Reed"));
    }
}
